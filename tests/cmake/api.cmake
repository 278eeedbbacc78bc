# Suites of the wire mapping and the API client (issue 4).
find_package(rapidcheck REQUIRED)

file(GLOB DM_WIRE_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/wire/*_test.cpp)
dm_unit_test(wire_tests SOURCES ${DM_WIRE_TESTS} LIBS dm_wire rapidcheck nlohmann_json::nlohmann_json)

file(GLOB DM_API_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/api/*_test.cpp)
dm_unit_test(api_tests SOURCES ${DM_API_TESTS} LIBS dm_api rapidcheck nlohmann_json::nlohmann_json)
