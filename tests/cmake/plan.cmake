# Plan, apply and render (issue 5): the diff engine, its golden plans and properties, the apply
# engine against FakeDescopeApi, and the text/JSON renderers.
file(GLOB DM_PLAN_TESTS CONFIGURE_DEPENDS
     ${CMAKE_CURRENT_SOURCE_DIR}/unit/plan/*_test.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/unit/apply/*_test.cpp
     ${CMAKE_CURRENT_SOURCE_DIR}/unit/render/*_test.cpp)
dm_unit_test(plan_tests SOURCES ${DM_PLAN_TESTS}
             LIBS dm_plan dm_apply dm_render nlohmann_json::nlohmann_json rapidcheck rapidcheck_gtest)
