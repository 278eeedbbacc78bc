# config_load_bench: load + validate a generated 5,000-tenant config (target < 200 ms in the
# release build), and desired_state() for its five environments.
add_executable(config_load_bench ${CMAKE_CURRENT_SOURCE_DIR}/config_load_bench.cpp)
target_link_libraries(config_load_bench PRIVATE dm_config fmt::fmt benchmark::benchmark)
