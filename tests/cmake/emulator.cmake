# descope-emulator: unit tests of the store and its parts, and end-to-end tests of the binary.
file(GLOB DM_EMULATOR_UNIT_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/emulator/*_test.cpp)
if(DM_EMULATOR_UNIT_TESTS)
  dm_unit_test(emulator_tests SOURCES ${DM_EMULATOR_UNIT_TESTS}
               LIBS dm_emulator nlohmann_json::nlohmann_json)
endif()

# The e2e suite runs the real binary, so it must be built first.
file(GLOB DM_EMULATOR_E2E_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/e2e/emulator_*_test.cpp)
add_executable(emulator_e2e_tests ${DM_EMULATOR_E2E_TESTS})
target_link_libraries(emulator_e2e_tests PRIVATE dm_test_support PkgConfig::HTTPLIB
                      nlohmann_json::nlohmann_json GTest::gtest_main)
add_dependencies(emulator_e2e_tests descope-emulator)
gtest_discover_tests(emulator_e2e_tests DISCOVERY_MODE PRE_TEST PROPERTIES LABELS e2e)
