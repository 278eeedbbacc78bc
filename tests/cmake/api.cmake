# Suites of the wire mapping and the API client (issue 4).
find_package(rapidcheck REQUIRED)

file(GLOB DM_WIRE_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/wire/*_test.cpp)
dm_unit_test(wire_tests SOURCES ${DM_WIRE_TESTS} LIBS dm_wire rapidcheck nlohmann_json::nlohmann_json)

file(GLOB DM_API_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/api/*_test.cpp)
dm_unit_test(api_tests SOURCES ${DM_API_TESTS} LIBS dm_api rapidcheck nlohmann_json::nlohmann_json)

# The client against the real descope-emulator binary (and the CLI's list commands).
file(GLOB DM_API_E2E_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/e2e/api_*_test.cpp)
add_executable(api_e2e_tests ${DM_API_E2E_TESTS})
target_link_libraries(api_e2e_tests PRIVATE dm_api dm_test_support nlohmann_json::nlohmann_json
                      GTest::gtest_main)
add_dependencies(api_e2e_tests descope-emulator descope-mgmt)
gtest_discover_tests(api_e2e_tests DISCOVERY_MODE PRE_TEST PROPERTIES LABELS e2e)

# The same operations against a real Descope project (skipped without credentials).
file(GLOB DM_LIVE_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/live/*_test.cpp)
add_executable(api_live_tests ${DM_LIVE_TESTS})
target_link_libraries(api_live_tests PRIVATE dm_api dm_test_support GTest::gtest_main)
gtest_discover_tests(api_live_tests DISCOVERY_MODE PRE_TEST PROPERTIES LABELS live)
