# plan_diff_bench: the diff engine and renderers in memory (Google Benchmark).
add_executable(plan_diff_bench ${CMAKE_CURRENT_SOURCE_DIR}/plan_diff_bench.cpp)
target_link_libraries(plan_diff_bench PRIVATE dm_plan dm_render benchmark::benchmark
                      benchmark::benchmark_main)

# plan_scale_bench: the real binaries. Starts descope-emulator with five projects, applies a
# generated config of 2,000 tenants per environment, then measures `plan` on it: API calls per
# environment (from the emulator's request log), wall time and peak memory (wait4) of the
# descope-mgmt process (docs/benchmarks.md).
add_executable(plan_scale_bench
  ${CMAKE_CURRENT_SOURCE_DIR}/plan_scale_bench.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/emulator_process.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/process.cpp)
target_include_directories(plan_scale_bench PRIVATE ${PROJECT_SOURCE_DIR}/tests ${PROJECT_SOURCE_DIR}/src)
target_compile_definitions(plan_scale_bench PRIVATE
  DM_EMULATOR_BINARY="$<TARGET_FILE:descope-emulator>"
  DM_MGMT_BINARY="$<TARGET_FILE:descope-mgmt>")
target_link_libraries(plan_scale_bench PRIVATE dm_util nlohmann_json::nlohmann_json Threads::Threads)
add_dependencies(plan_scale_bench descope-emulator descope-mgmt)
