# emulator_bench: requests/s of descope-emulator for GET /v1/mgmt/tenant/all (docs/benchmarks.md).
# It drives the real binary through the test support's EmulatorProcess, compiled in directly so
# that the benchmark does not need GoogleTest.
add_executable(emulator_bench
  ${CMAKE_CURRENT_SOURCE_DIR}/emulator_bench.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/emulator_process.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/process.cpp)
target_include_directories(emulator_bench PRIVATE ${PROJECT_SOURCE_DIR}/tests ${PROJECT_SOURCE_DIR}/src)
target_compile_definitions(emulator_bench PRIVATE DM_EMULATOR_BINARY="$<TARGET_FILE:descope-emulator>")
target_link_libraries(emulator_bench PRIVATE dm_util PkgConfig::HTTPLIB nlohmann_json::nlohmann_json Threads::Threads)
add_dependencies(emulator_bench descope-emulator)
