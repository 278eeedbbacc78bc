# Canonicalise and diff two ~1 MB flow documents (src/plan/json_*). The flow generator is the
# one the JSON tests use, so the benchmark measures the same shapes the golden tests check.
add_executable(json_diff_bench ${CMAKE_CURRENT_SOURCE_DIR}/json_diff_bench.cpp)
target_include_directories(json_diff_bench PRIVATE ${PROJECT_SOURCE_DIR}/tests/unit/json)
target_link_libraries(json_diff_bench PRIVATE dm_plan nlohmann_json::nlohmann_json
                      benchmark::benchmark benchmark::benchmark_main)
