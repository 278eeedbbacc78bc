# api_rate_limit_bench: 1,000 tenant creates across 5 emulator projects under a per-project rate
# limit, through HttpDescopeApi + Executor (run by bench/run_rate_limit_bench; numbers in
# docs/benchmarks.md). Starts descope-emulator itself via the test support's EmulatorProcess.
add_executable(api_rate_limit_bench
  ${CMAKE_CURRENT_SOURCE_DIR}/api_rate_limit_bench.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/emulator_process.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/process.cpp)
target_include_directories(api_rate_limit_bench PRIVATE ${PROJECT_SOURCE_DIR}/tests)
target_compile_definitions(api_rate_limit_bench PRIVATE DM_EMULATOR_BINARY="$<TARGET_FILE:descope-emulator>")
target_link_libraries(api_rate_limit_bench PRIVATE dm_api fmt::fmt nlohmann_json::nlohmann_json)
add_dependencies(api_rate_limit_bench descope-emulator)
