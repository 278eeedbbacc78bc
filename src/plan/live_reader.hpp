#pragma once
// Reads an environment's live state with the fewest API calls the diff needs.

#include <functional>
#include <vector>

#include "api/descope_api.hpp"
#include "model/state.hpp"

namespace descope_mgmt::plan {

/// Runs independent tasks, possibly at the same time, and returns when all have finished.
/// The CLI passes one backed by the API client's executor; tests pass run_sequentially.
using TaskRunner = std::function<void(std::vector<std::function<void()>>& tasks)>;

/// Runs the tasks one after the other on the calling thread.
void run_sequentially(std::vector<std::function<void()>>& tasks);

/// Reads what the diff of `desired` needs: `tenant/all`, `role/all` and `permission/all` (one
/// call each), the session settings of the declared tenants that declare session_settings and
/// exist live (one call each), and the project name when it is managed. When flows are declared:
/// one `flow/list` and one `flow/export` per declared flow that exists live; when the theme is
/// managed, one `theme/export`. Fails with the first API error.
api::ApiResult<model::LiveState> read_live_state(api::DescopeApi& api,
                                                 const model::DesiredState& desired,
                                                 const TaskRunner& run = run_sequentially);

}  // namespace descope_mgmt::plan
