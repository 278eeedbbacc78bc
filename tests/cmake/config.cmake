# Config layer: loader, validator, schema (unit tests); the validate/schema commands (through
# the binary); the loader's libFuzzer target (DM_FUZZ).
if(NOT DM_FUZZ)
  file(GLOB DM_CONFIG_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/config/*_test.cpp)
  dm_unit_test(config_tests
    SOURCES ${DM_CONFIG_TESTS} ${CMAKE_CURRENT_SOURCE_DIR}/unit/config/config_test_support.cpp
    LIBS dm_config nlohmann_json::nlohmann_json rapidcheck rapidcheck_gtest fmt::fmt)
  # GCC 12 with -fsanitize reports a false -Wmaybe-uninitialized inside <regex> (used by the
  # schema test's validator for "pattern").
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    set_source_files_properties(${CMAKE_CURRENT_SOURCE_DIR}/unit/config/schema_test.cpp
      PROPERTIES COMPILE_OPTIONS -Wno-maybe-uninitialized)
  endif()

  file(GLOB DM_CONFIG_CLI_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/unit/config/cli/*_test.cpp)
  if(DM_CONFIG_CLI_TESTS)
    dm_unit_test(config_cli_tests SOURCES ${DM_CONFIG_CLI_TESTS} LIBS nlohmann_json::nlohmann_json)
    add_dependencies(config_cli_tests descope-mgmt)
  endif()
endif()

if(DM_FUZZ)
  include(${CMAKE_CURRENT_LIST_DIR}/../fuzz/config_fuzz.cmake)
endif()
