// `flow list`: one flow/list call per selected environment, run concurrently, shown as a
// table per environment or as one JSON document (docs/flows.md, "Commands").
#include <fmt/format.h>

#include <algorithm>

#include "cli/context.hpp"
#include "cli/flow_commands.hpp"
#include "cli/flow_support.hpp"
#include "render/list_view.hpp"

namespace descope_mgmt::cli {

int run_flow_list(Context& ctx) {
    Workspace* fs = &ctx.workspace();
    Workspace& s = *fs;

    std::vector<render::FlowListing> listings(s.size());
    std::vector<api::Task> tasks;
    for (std::size_t i = 0; i < s.size(); ++i) {
        for (const auto& f : config::desired_state(fs->config, s.environment(i).name).flows)
            listings[i].declared.insert(f.id);
        tasks.push_back({s.environment(i).name,
                         s.environment(i).name,
                         {},
                         [&s, &listings, i]() -> api::ApiResult<void> {
                             auto r = s.client(i).list_flows();
                             if (!r) return util::unexpected(r.error());
                             listings[i].flows = std::move(*r);
                             std::sort(listings[i].flows.begin(), listings[i].flows.end(),
                                       [](const auto& a, const auto& b) { return a.id < b.id; });
                             return {};
                         }});
    }
    const auto outcomes = s.executor().run(std::move(tasks));
    const bool interrupted = s.interrupted();
    bool failed = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        listings[i].read =
            read_result(ctx, s.environment(i), outcomes[i], interrupted, "flow list");
        failed = failed || !listings[i].read.ok();
    }
    ctx.show(render::flow_list_view(listings));
    report_api_stats(ctx, s);
    if (interrupted) return exit_code::interrupted;
    return failed ? exit_code::error : exit_code::ok;
}

}  // namespace descope_mgmt::cli
