# Canonical JSON and semantic diff of flows and themes (src/plan/json_*).
file(GLOB DM_JSON_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/json/*_test.cpp)
dm_unit_test(json_tests SOURCES ${DM_JSON_TESTS} LIBS dm_plan nlohmann_json::nlohmann_json rapidcheck rapidcheck_gtest)
