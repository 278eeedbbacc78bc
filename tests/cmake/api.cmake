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

# The same operations, and the whole CLI journey, against a real Descope project (skipped
# without credentials; docs/live-tests.md). `ctest -L live` runs exactly these.
file(GLOB DM_LIVE_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/live/*_test.cpp)
list(FILTER DM_LIVE_TESTS EXCLUDE REGEX "_emulator_test\\.cpp$")
add_executable(api_live_tests ${DM_LIVE_TESTS} ${CMAKE_CURRENT_SOURCE_DIR}/live/cli_journey.cpp)
target_link_libraries(api_live_tests PRIVATE dm_api dm_test_support GTest::gtest_main)
add_dependencies(api_live_tests descope-mgmt)
gtest_discover_tests(api_live_tests DISCOVERY_MODE PRE_TEST PROPERTIES LABELS live)

# The same CLI journey against descope-emulator, on every run (label e2e, not live).
file(GLOB DM_LIVE_EMULATOR_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/live/*_emulator_test.cpp)
add_executable(live_journey_e2e_tests ${DM_LIVE_EMULATOR_TESTS}
               ${CMAKE_CURRENT_SOURCE_DIR}/live/cli_journey.cpp)
target_link_libraries(live_journey_e2e_tests PRIVATE dm_api dm_test_support GTest::gtest_main)
add_dependencies(live_journey_e2e_tests descope-mgmt descope-emulator)
gtest_discover_tests(live_journey_e2e_tests DISCOVERY_MODE PRE_TEST PROPERTIES LABELS e2e)
