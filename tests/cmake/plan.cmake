# Plan, apply and render (issue 5): the diff engine, its golden plans and properties, the apply
# engine against FakeDescopeApi, and the text/JSON renderers.
file(GLOB DM_PLAN_TESTS CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/unit/plan/*_test.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/unit/apply/*_test.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/unit/render/*_test.cpp)
dm_unit_test(plan_tests SOURCES ${DM_PLAN_TESTS}
             LIBS dm_plan dm_apply dm_render dm_config nlohmann_json::nlohmann_json rapidcheck
                  rapidcheck_gtest)

# End-to-end: the real descope-mgmt against descope-emulator with five projects.
file(GLOB DM_PLAN_E2E_TESTS CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/e2e/plan_*_test.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/e2e/apply_*_test.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/e2e/doctor_*_test.cpp)
add_executable(plan_e2e_tests ${DM_PLAN_E2E_TESTS})
target_link_libraries(plan_e2e_tests PRIVATE dm_test_support PkgConfig::HTTPLIB
                      nlohmann_json::nlohmann_json GTest::gtest_main util)
add_dependencies(plan_e2e_tests descope-mgmt descope-emulator)
gtest_discover_tests(plan_e2e_tests DISCOVERY_MODE PRE_TEST PROPERTIES LABELS e2e)
