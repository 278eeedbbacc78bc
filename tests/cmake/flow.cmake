# `flow list`, `flow export`, `theme export`, `flow deploy`, `theme deploy` and flows in
# plan/apply (issue 6): the real descope-mgmt binary against the real descope-emulator.
file(GLOB DM_FLOW_E2E_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/e2e/flow_*_test.cpp)
add_executable(flow_e2e_tests ${DM_FLOW_E2E_TESTS})
target_link_libraries(flow_e2e_tests PRIVATE dm_test_support PkgConfig::HTTPLIB
                      nlohmann_json::nlohmann_json GTest::gtest_main util)
add_dependencies(flow_e2e_tests descope-emulator descope-mgmt)
gtest_discover_tests(flow_e2e_tests DISCOVERY_MODE PRE_TEST PROPERTIES LABELS e2e)

# Unit tests of the helpers behind those commands (no network; FakeDescopeApi).
file(GLOB DM_FLOW_CLI_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/cli/flow_*_test.cpp)
if(DM_FLOW_CLI_TESTS)
  dm_unit_test(flow_cli_tests SOURCES ${DM_FLOW_CLI_TESTS} LIBS dm_cli nlohmann_json::nlohmann_json)
endif()
