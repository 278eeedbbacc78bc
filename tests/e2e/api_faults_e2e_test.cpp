// The API client against descope-emulator's injected faults (--fault, fixed --seed) and its
// rate limit: every operation either succeeds or fails with a clear error, and none is
// applied twice.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "api/curl_transport.hpp"
#include "api/executor.hpp"
#include "api/http_descope_api.hpp"
#include "support/emulator_process.hpp"
#include "support/files.hpp"

namespace descope_mgmt::api {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using test::EmulatorProcess;

constexpr const char* kFaultsProject = "P2e2efaultsprojectxxxxxxxxxx";
constexpr const char* kFaultsKey = "K2e2eFaultsSecretKey";

std::unique_ptr<HttpDescopeApi> make_client(const std::string& base_url, model::RateLimit limit,
                                            std::vector<std::chrono::milliseconds> backoff,
                                            std::chrono::milliseconds timeout = 5000ms) {
    ClientOptions o;
    o.environment = "e2e";
    o.project_id = kFaultsProject;
    o.management_key = util::Secret(kFaultsKey);
    o.base_url = base_url;
    o.retry.backoff = std::move(backoff);
    o.request_timeout = timeout;
    auto limiter = std::make_shared<RateLimiter>(util::SystemClock::instance(), limit);
    return std::make_unique<HttpDescopeApi>(std::move(o), std::make_shared<CurlTransport>(),
                                            limiter);
}

std::vector<json> read_log(const std::filesystem::path& file) {
    std::vector<json> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) out.push_back(json::parse(line));
    }
    return out;
}

/// Requests to `path` that the emulator really executed with `status` (no injected fault).
std::size_t applied(const std::vector<json>& log, const std::string& path, int status = 200) {
    std::size_t n = 0;
    for (const auto& l : log) {
        if (l["path"] == path && l["status"] == status && !l.contains("fault")) ++n;
    }
    return n;
}

/// A clear error names the environment and the operation, and says what went wrong.
void expect_clear(const ApiError& e, const std::string& operation) {
    const std::string text = e.to_string();
    std::cout << "[ info ] failed clearly: " << text
              << (e.may_have_applied ? " (may have applied)" : "") << "\n";
    EXPECT_EQ(text.rfind("e2e: " + operation, 0), 0u) << text;
    EXPECT_TRUE(e.http_status != 0 || !e.message.empty()) << text;
}

TEST(ApiFaultsE2e, FaultStormEveryOperationSucceedsOrFailsClearlyAndNoneTwice) {
    test::TempDir dir{"dm-api-e2e"};
    const auto log_file = dir.path() / "requests.jsonl";
    auto emu =
        EmulatorProcess::start({"--project",     std::string(kFaultsProject) + ":" + kFaultsKey,
                                "--fault",       "429=0.03",
                                "--fault",       "500=0.07",
                                "--fault",       "503=0.07",
                                "--fault",       "reset=0.07",
                                "--fault",       "malformed=0.07",
                                "--fault",       "slow=0.05",
                                "--slow-ms",     "700",
                                "--seed",        "4242",
                                "--request-log", log_file.string()});
    ASSERT_TRUE(emu) << emu.error().message;
    // Short backoff so the test is quick; a 300 ms timeout turns "slow" into timeouts.
    auto api =
        make_client((*emu)->base_url(), {1000, 1}, {10ms, 20ms, 40ms, 80ms, 160ms, 320ms}, 300ms);

    std::map<std::string, bool> keyed_ok;        // tenant id -> create reported success
    std::map<std::string, bool> keyed_maybe;     // tenant id -> failure may have applied
    std::map<std::string, std::string> gen_ids;  // name -> generated id (reported success)
    std::map<std::string, bool> gen_maybe;       // name -> failure may have applied
    int failures = 0;
    for (int i = 0; i < 25; ++i) {
        model::Tenant t;
        t.id = "t-" + std::to_string(i);
        t.name = "Tenant " + std::to_string(i);
        auto r = api->create_tenant(t);
        keyed_ok[t.id] = bool(r);
        if (!r) {
            ++failures;
            keyed_maybe[t.id] = r.error().may_have_applied;
            expect_clear(r.error(), "creating tenant " + t.id);
        }
    }
    for (int i = 0; i < 6; ++i) {
        model::Tenant t;
        t.name = "Generated " + std::to_string(i);
        auto r = api->create_tenant(t);
        if (r) {
            gen_ids[t.name] = *r;
        } else {
            ++failures;
            gen_maybe[t.name] = r.error().may_have_applied;
            expect_clear(r.error(), "creating tenant \"" + t.name + "\"");
        }
    }
    std::map<std::string, bool> perm_ok;
    for (int i = 0; i < 10; ++i) {
        const std::string name = "perm." + std::to_string(i);
        auto r = api->create_permission({name, "d"});
        perm_ok[name] = bool(r);
        if (!r) {
            ++failures;
            expect_clear(r.error(), "creating permission " + name);
        }
    }
    std::map<std::string, bool> renamed_ok;
    for (int i = 0; i < 5; ++i) {
        const std::string name = "perm." + std::to_string(i);
        if (!perm_ok[name]) continue;
        auto r = api->update_permission(name, {name + ".renamed", "d2"});
        renamed_ok[name] = bool(r);
        if (!r) {
            ++failures;
            expect_clear(r.error(), "updating permission " + name);
        }
    }
    for (int i = 0; i < 5; ++i) {
        const std::string id = "t-" + std::to_string(i);
        if (!keyed_ok[id]) continue;
        auto r = api->delete_tenant(id, false);
        keyed_ok[id] = false;  // gone now...
        keyed_maybe[id] = !r;  // ...unless the delete failed: then either way
        if (!r) {
            ++failures;
            expect_clear(r.error(), "deleting tenant " + id);
        }
    }
    std::cout << "[ info ] " << failures << " operations failed with clear errors; "
              << api->stats().retries << " retries, " << api->stats().calls << " calls\n";
    EXPECT_GT(api->stats().retries, 10u);  // the storm really happened

    // Read the outcome through a patient reader (reads are always safe to retry).
    auto reader = make_client((*emu)->base_url(), {1000, 1},
                              std::vector<std::chrono::milliseconds>(20, 10ms), 2000ms);
    auto tenants = reader->load_all_tenants();
    ASSERT_TRUE(tenants) << tenants.error().to_string();
    std::map<std::string, int> by_id, by_name;
    for (const auto& t : *tenants) {
        ++by_id[t.id];
        ++by_name[t.name];
    }
    for (const auto& [id, ok] : keyed_ok) {
        if (ok) {
            EXPECT_EQ(by_id[id], 1) << id << " reported created but is missing";
        } else if (!keyed_maybe[id]) {
            EXPECT_EQ(by_id[id], 0) << id << " reported absent but exists";
        }
    }
    for (int i = 0; i < 6; ++i) {
        const std::string name = "Generated " + std::to_string(i);
        EXPECT_LE(by_name[name], 1) << name << " created twice";
        if (gen_ids.count(name)) {
            EXPECT_EQ(by_name[name], 1) << name;
        } else if (!gen_maybe[name]) {
            EXPECT_EQ(by_name[name], 0) << name << " reported not created but exists";
        }
    }
    auto perms = reader->load_all_permissions();
    ASSERT_TRUE(perms) << perms.error().to_string();
    std::map<std::string, int> perm_count;
    for (const auto& p : *perms)
        ++perm_count[p.name];
    for (const auto& [name, ok] : perm_ok) {
        if (!ok) continue;
        const bool renamed = renamed_ok.count(name) && renamed_ok[name];
        EXPECT_EQ(perm_count[renamed ? name + ".renamed" : name], 1) << name;
        if (renamed) {
            EXPECT_EQ(perm_count[name], 0) << name;
        }
    }

    // Every applied create made exactly one tenant: nothing was applied twice.
    const auto log = read_log(log_file);
    ASSERT_FALSE(log.empty());
    std::size_t ours = 0;
    for (const auto& [name, n] : by_name) {
        if (name.rfind("Tenant ", 0) == 0 || name.rfind("Generated ", 0) == 0) ours += n;
    }
    const std::size_t deleted = applied(log, "/v1/mgmt/tenant/delete");
    EXPECT_EQ(applied(log, "/v1/mgmt/tenant/create"), ours + deleted);
}

TEST(ApiFaultsE2e, A429StormFromTheServerIsRiddenOutByPausingTheBucket) {
    test::TempDir dir{"dm-api-e2e"};
    const auto log_file = dir.path() / "requests.jsonl";
    auto emu = EmulatorProcess::start({"--project", std::string(kFaultsProject) + ":" + kFaultsKey,
                                       "--rate-limit", "5/1", "--request-log", log_file.string()});
    ASSERT_TRUE(emu) << emu.error().message;
    // The client allows far more than the server: the server's 429s must be handled.
    auto api = make_client((*emu)->base_url(), {100, 1}, {100ms, 200ms, 400ms, 800ms, 1600ms});
    std::vector<Task> tasks;
    for (int i = 0; i < 20; ++i) {
        tasks.push_back({"perm", "e2e", {}, [&api, i] {
                             return api->create_permission({"storm." + std::to_string(i), ""});
                         }});
    }
    Executor ex({4, 4, nullptr});
    auto out = ex.run(std::move(tasks));
    for (std::size_t i = 0; i < out.size(); ++i) {
        EXPECT_EQ(out[i].status, TaskStatus::succeeded)
            << i << ": " << (out[i].error ? out[i].error->to_string() : "");
    }
    EXPECT_GT(api->stats().http_429, 0u);
    const auto log = read_log(log_file);
    EXPECT_EQ(applied(log, "/v1/mgmt/permission/create"), 20u);  // each applied exactly once
    EXPECT_EQ(applied(log, "/v1/mgmt/permission/create", 429), api->stats().http_429);
}

TEST(ApiFaultsE2e, ClientLimitAtTheServerLimitGetsNo429) {
    auto emu = EmulatorProcess::start(
        {"--project", std::string(kFaultsProject) + ":" + kFaultsKey, "--rate-limit", "10/1"});
    ASSERT_TRUE(emu) << emu.error().message;
    auto api = make_client((*emu)->base_url(), {10, 1}, {1s, 2s});
    std::vector<Task> tasks;
    for (int i = 0; i < 35; ++i) {
        tasks.push_back({"perm", "e2e", {}, [&api, i] {
                             return api->create_permission({"paced." + std::to_string(i), ""});
                         }});
    }
    const auto start = std::chrono::steady_clock::now();
    auto out = Executor({8, 8, nullptr}).run(std::move(tasks));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const auto& o : out)
        EXPECT_EQ(o.status, TaskStatus::succeeded);
    EXPECT_EQ(api->stats().http_429, 0u);
    EXPECT_EQ(api->stats().retries, 0u);
    EXPECT_GE(seconds, 3.0);  // 35 requests at 10/s: the limiter did pace them
    EXPECT_LT(seconds, 4.5);  // ...and not much slower than the floor
}

}  // namespace
}  // namespace descope_mgmt::api
