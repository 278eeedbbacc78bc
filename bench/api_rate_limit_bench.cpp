// api_rate_limit_bench: creates N tenants across E environments (one emulator project each)
// through HttpDescopeApi + Executor, against descope-emulator with a per-project rate limit,
// and reports total time, the floor (requests per environment / rate), their ratio, the 429s
// the client received (and the server sent, from its request log) and retries.
// Run by bench/run_rate_limit_bench; numbers in docs/benchmarks.md.
//
//   api_rate_limit_bench [--tenants 1000] [--envs 5] [--server-rate 50/1] [--client-rate 50/1]
//                        [--parallelism 20] [--lane 4] [--latency-ms 0] [--label NAME]
#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/curl_transport.hpp"
#include "api/executor.hpp"
#include "api/http_descope_api.hpp"
#include "support/emulator_process.hpp"

using namespace descope_mgmt;
using nlohmann::json;

namespace {

struct Args {
    int tenants = 1000;
    int envs = 5;
    std::string server_rate = "50/1";
    std::string client_rate = "50/1";
    int parallelism = 20;
    int lane = 4;
    int latency_ms = 0;
    std::string label = "default";
};

model::RateLimit parse_rate(const std::string& text) {
    const auto slash = text.find('/');
    return {std::atoi(text.substr(0, slash).c_str()), std::atoi(text.substr(slash + 1).c_str())};
}

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        const std::string v = argv[i + 1];
        if (k == "--tenants")
            a.tenants = std::atoi(v.c_str());
        else if (k == "--envs")
            a.envs = std::atoi(v.c_str());
        else if (k == "--server-rate")
            a.server_rate = v;
        else if (k == "--client-rate")
            a.client_rate = v;
        else if (k == "--parallelism")
            a.parallelism = std::atoi(v.c_str());
        else if (k == "--lane")
            a.lane = std::atoi(v.c_str());
        else if (k == "--latency-ms")
            a.latency_ms = std::atoi(v.c_str());
        else if (k == "--label")
            a.label = v;
        else {
            std::fprintf(stderr, "api_rate_limit_bench: unknown option %s\n", k.c_str());
            std::exit(2);
        }
    }
    return a;
}

}  // namespace

int main(int argc, char** argv) {
    const Args a = parse(argc, argv);
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / fmt::format("dm-rate-bench-{}", ::getpid());
    std::filesystem::create_directories(dir);
    const auto log_file = dir / "requests.jsonl";

    std::vector<std::string> ids, keys;
    std::vector<std::string> emu_args = {"--rate-limit",  a.server_rate,
                                         "--request-log", log_file.string(),
                                         "--latency-ms",  std::to_string(a.latency_ms)};
    for (int e = 0; e < a.envs; ++e) {
        std::string id = fmt::format("P2bench{:0>21}", e);
        ids.push_back(id);
        keys.push_back(fmt::format("K2benchkey{}", e));
        emu_args.push_back("--project");
        emu_args.push_back(id + ":" + keys.back());
    }
    auto emu = test::EmulatorProcess::start(emu_args);
    if (!emu) {
        std::fprintf(stderr, "api_rate_limit_bench: %s\n", emu.error().message.c_str());
        return 1;
    }

    const model::RateLimit client_rate = parse_rate(a.client_rate);
    const model::RateLimit server_rate = parse_rate(a.server_rate);
    auto transport = std::make_shared<api::CurlTransport>();
    std::vector<std::unique_ptr<api::HttpDescopeApi>> clients;
    for (int e = 0; e < a.envs; ++e) {
        api::ClientOptions o;
        o.environment = fmt::format("env{}", e);
        o.project_id = ids[e];
        o.management_key = util::Secret(keys[e]);
        o.base_url = (*emu)->base_url();
        auto limiter =
            std::make_shared<api::RateLimiter>(util::SystemClock::instance(), client_rate);
        clients.push_back(std::make_unique<api::HttpDescopeApi>(o, transport, limiter));
    }

    std::vector<api::Task> tasks;
    for (int i = 0; i < a.tenants; ++i) {
        const int e = i % a.envs;
        api::HttpDescopeApi* c = clients[e].get();
        tasks.push_back({fmt::format("tenant {}", i), c->environment(), {}, [c, i] {
                             model::Tenant t;
                             t.id = fmt::format("bench-{:05}", i);
                             t.name = fmt::format("Bench tenant {}", i);
                             t.self_provisioning_domains = {fmt::format("t{}.example.com", i)};
                             auto r = c->create_tenant(t);
                             if (!r) return api::ApiResult<void>(util::unexpected(r.error()));
                             return api::ApiResult<void>();
                         }});
    }
    api::Executor ex({a.parallelism, a.lane, nullptr});
    const auto start = std::chrono::steady_clock::now();
    const auto outcomes = ex.run(std::move(tasks));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    (*emu)->stop();

    int failed = 0;
    for (const auto& o : outcomes) {
        if (o.status != api::TaskStatus::succeeded) {
            if (failed++ < 3 && o.error)
                std::fprintf(stderr, "failed: %s\n", o.error->to_string().c_str());
        }
    }
    api::ApiStatsSnapshot total;
    for (const auto& c : clients)
        total += c->stats();
    std::size_t server_429 = 0, server_requests = 0;
    {
        std::ifstream in(log_file);
        for (std::string line; std::getline(in, line);) {
            if (line.empty()) continue;
            ++server_requests;
            if (json::parse(line)["status"] == 429) ++server_429;
        }
    }
    std::filesystem::remove_all(dir);

    // Environments run in parallel: the floor is the slowest environment's requests / rate.
    const double per_env = static_cast<double>(a.tenants) / a.envs;
    const double rate =
        std::min(static_cast<double>(client_rate.requests) / client_rate.per_seconds,
                 static_cast<double>(server_rate.requests) / server_rate.per_seconds);
    const double floor = per_env / rate;
    json result{{"label", a.label},
                {"tenants", a.tenants},
                {"environments", a.envs},
                {"client_rate", a.client_rate},
                {"server_rate", a.server_rate},
                {"parallelism", a.parallelism},
                {"lane_parallelism", a.lane},
                {"latency_ms", a.latency_ms},
                {"seconds", seconds},
                {"floor_seconds", floor},
                {"ratio", seconds / floor},
                {"calls", total.calls},
                {"retries", total.retries},
                {"http_429_received", total.http_429},
                {"http_429_sent_by_server", server_429},
                {"server_requests", server_requests},
                {"failed", failed},
                {"connections", transport->connections_opened()}};
    std::printf("%s\n", result.dump().c_str());
    std::fprintf(stderr,
                 "%s: %d tenants / %d envs, client %s, server %s: %.2f s (floor %.2f s, ratio "
                 "%.3f), %llu calls, %llu retries, %llu x 429, %d failed\n",
                 a.label.c_str(), a.tenants, a.envs, a.client_rate.c_str(), a.server_rate.c_str(),
                 seconds, floor, seconds / floor, static_cast<unsigned long long>(total.calls),
                 static_cast<unsigned long long>(total.retries),
                 static_cast<unsigned long long>(total.http_429), failed);
    return failed == 0 ? 0 : 1;
}
