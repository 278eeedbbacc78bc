// `flow list`: one flow/list call per selected environment, run concurrently, shown as a
// table per environment or as one JSON document (docs/flows.md, "Commands").
#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/context.hpp"
#include "cli/flow_commands.hpp"
#include "cli/flow_support.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

using nlohmann::json;

namespace {

/// What one environment answered, with the config's view of it.
struct FlowListing {
    std::vector<model::FlowSummary> flows;  // sorted by id
    std::set<std::string> declared;         // flow ids the config declares for the environment
};

std::vector<std::string> missing_declared(const FlowListing& l) {
    std::vector<std::string> missing;
    for (const auto& id : l.declared) {
        const bool live = std::any_of(l.flows.begin(), l.flows.end(),
                                      [&id](const auto& f) { return f.id == id; });
        if (!live) missing.push_back(id);
    }
    return missing;
}

std::string text_block(const std::string& env, const FlowListing& l) {
    const auto managed =
        static_cast<std::size_t>(std::count_if(l.flows.begin(), l.flows.end(), [&l](const auto& f) {
            return l.declared.count(f.id) > 0;
        }));
    std::string out = fmt::format("{}: {} flow{}, {} managed\n", env, l.flows.size(),
                                  l.flows.size() == 1 ? "" : "s", managed);
    if (!l.flows.empty()) {
        std::vector<std::vector<std::string>> rows{{"ID", "NAME", "DISABLED", "MANAGED"}};
        for (const auto& f : l.flows) {
            rows.push_back({f.id, f.name.empty() ? "-" : f.name, f.disabled ? "yes" : "no",
                            l.declared.count(f.id) ? "yes" : "no"});
        }
        out += render::format_table(rows);
    }
    if (const auto missing = missing_declared(l); !missing.empty()) {
        out += fmt::format("  declared in the config but not in this project: {}\n",
                           util::join(missing, ", "));
    }
    return out;
}

json listing_json(const FlowListing& l) {
    json flows = json::array();
    for (const auto& f : l.flows) {
        flows.push_back({{"id", f.id},
                         {"name", f.name},
                         {"description", f.description},
                         {"disabled", f.disabled},
                         {"managed", l.declared.count(f.id) > 0}});
    }
    return flows;
}

}  // namespace

int run_flow_list(Context& ctx) {
    auto fs = open_flow_workspace(ctx, std::nullopt);
    if (!fs) return exit_code::error;
    Workspace& s = *fs;

    std::vector<FlowListing> listings(s.size());
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
    json doc{{"format_version", k_flow_format_version},
             {"command", "flow list"},
             {"environments", json::array()}};
    std::string text;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto& env = s.environment(i);
        const FlowListing& l = listings[i];
        json e{{"name", env.name}, {"project_id", env.project_id}};
        if (outcomes[i].status == api::TaskStatus::succeeded) {
            e["status"] = "ok";
            e["flows"] = listing_json(l);
            e["declared_missing"] = missing_declared(l);
            text += (text.empty() ? "" : "\n") + text_block(env.name, l);
        } else {
            failed = true;
            report_failed_read(ctx, e, outcomes[i], interrupted, env.name, "flow list");
        }
        doc["environments"].push_back(std::move(e));
    }
    if (ctx.json()) {
        ctx.print_document(doc);
    } else {
        fmt::print(ctx.out, "{}", text);
    }
    report_api_stats(ctx, s);
    if (interrupted) return exit_code::interrupted;
    return failed ? exit_code::error : exit_code::ok;
}

}  // namespace descope_mgmt::cli
