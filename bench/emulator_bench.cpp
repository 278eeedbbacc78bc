// Throughput of descope-emulator on loopback: GET /v1/mgmt/tenant/all on a project with 100
// tenants, from several client threads that each keep one HTTP/1.1 connection alive.
//
//   emulator_bench [--threads 4] [--seconds 5] [--tenants 100] [--emulator PATH]
//   emulator_bench --check-rate-limit     # the 100/60 acceptance check (takes up to a minute)
//
// It starts the real binary (built alongside, or --emulator PATH), seeds the tenants, runs, and
// prints requests per second with latency percentiles. Client and server share the machine's
// cores, so the figure is a floor for the server alone.

#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/emulator_process.hpp"

namespace {

using descope_mgmt::test::EmulatorProcess;
using Clock = std::chrono::steady_clock;

const httplib::Headers kAuth = {{"Authorization", "Bearer P2bench:K2bench"}};

struct Settings {
    int threads = 4;
    int seconds = 5;
    int tenants = 100;
    std::string emulator;
    bool check_rate_limit = false;
};

Settings parse(int argc, char** argv) {
    Settings s;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (arg == "--threads") {
            s.threads = std::atoi(next().c_str());
        } else if (arg == "--seconds") {
            s.seconds = std::atoi(next().c_str());
        } else if (arg == "--tenants") {
            s.tenants = std::atoi(next().c_str());
        } else if (arg == "--emulator") {
            s.emulator = next();
        } else if (arg == "--check-rate-limit") {
            s.check_rate_limit = true;
        } else {
            std::fprintf(stderr, "emulator_bench: unknown argument %s\n", arg.c_str());
            std::exit(1);
        }
    }
    return s;
}

std::unique_ptr<EmulatorProcess> start(const Settings& s, std::vector<std::string> extra = {}) {
    EmulatorProcess::Options options;
    if (!s.emulator.empty()) options.binary = s.emulator;
    std::vector<std::string> args = {"--project", "P2bench:K2bench:Bench", "--tenant-attribute",
                                     "plan"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto emu = EmulatorProcess::start(args, options);
    if (!emu) {
        std::fprintf(stderr, "emulator_bench: %s\n", emu.error().message.c_str());
        std::exit(1);
    }
    return std::move(*emu);
}

// The 101st request within a minute gets 429 + Retry-After; honouring it lets the next through.
int check_rate_limit(const Settings& s) {
    auto emu = start(s, {"--rate-limit", "100/60"});
    httplib::Client client(emu->base_url());
    int ok = 0;
    for (int i = 0; i < 100; ++i)
        ok += client.Get("/v1/mgmt/tenant/all", kAuth)->status == 200;
    const auto refused = client.Get("/v1/mgmt/tenant/all", kAuth);
    const std::string retry_after = refused->get_header_value("Retry-After");
    std::printf("100 requests: %d answered 200\n", ok);
    std::printf("request 101: %d, Retry-After: %s, body %s\n", refused->status, retry_after.c_str(),
                refused->body.c_str());
    std::this_thread::sleep_for(std::chrono::seconds(std::atoi(retry_after.c_str())));
    const auto after = client.Get("/v1/mgmt/tenant/all", kAuth);
    std::printf("after waiting %s s: %d\n", retry_after.c_str(), after->status);
    const bool pass = ok == 100 && refused->status == 429 && after->status == 200;
    std::printf("%s\n", pass ? "PASS" : "FAIL");
    return pass ? 0 : 1;
}

// CPU time (user + system) the process `pid` has used so far, from /proc/PID/stat.
double cpu_seconds(pid_t pid) {
    std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
    if (f == nullptr) return 0;
    char buffer[1024] = {};
    const std::size_t n = std::fread(buffer, 1, sizeof buffer - 1, f);
    std::fclose(f);
    // Fields after the ")" that ends the command name: state is field 3, utime 14, stime 15.
    const char* p = std::strrchr(buffer, ')');
    if (p == nullptr || n == 0) return 0;
    unsigned long utime = 0, stime = 0;
    std::sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime);
    return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

}  // namespace

int main(int argc, char** argv) {
    const Settings s = parse(argc, argv);
    if (s.check_rate_limit) return check_rate_limit(s);

    auto emu = start(s);
    {
        httplib::Client seed(emu->base_url());
        for (int i = 0; i < s.tenants; ++i) {
            const std::string id = "tenant-" + std::to_string(i);
            const nlohmann::json body = {{"id", id},
                                         {"name", "Tenant " + std::to_string(i)},
                                         {"selfProvisioningDomains", {id + ".example.com"}},
                                         {"customAttributes", {{"plan", i % 2 ? "gold" : "free"}}}};
            if (seed.Post("/v1/mgmt/tenant/create", kAuth, body.dump(), "application/json")
                    ->status != 200) {
                std::fprintf(stderr, "emulator_bench: seeding failed\n");
                return 1;
            }
        }
    }
    std::atomic<bool> measuring{false}, done{false};
    std::atomic<long> errors{0};
    std::vector<std::vector<double>> latencies(static_cast<std::size_t>(s.threads));
    std::size_t body_bytes = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < s.threads; ++t) {
        threads.emplace_back([&, t] {
            httplib::Client client(emu->base_url());
            client.set_keep_alive(true);
            auto& mine = latencies[static_cast<std::size_t>(t)];
            while (!done) {
                const auto before = Clock::now();
                const auto r = client.Get("/v1/mgmt/tenant/all", kAuth);
                const double ms =
                    std::chrono::duration<double, std::milli>(Clock::now() - before).count();
                if (!r || r->status != 200) {
                    ++errors;
                    continue;
                }
                if (t == 0) body_bytes = r->body.size();
                if (measuring) mine.push_back(ms);
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // warm-up: connections, caches
    const double cpu_before = cpu_seconds(emu->pid());
    measuring = true;
    const auto start_time = Clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(s.seconds));
    measuring = false;
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_time).count();
    const double server_cpu = cpu_seconds(emu->pid()) - cpu_before;
    done = true;
    for (auto& t : threads)
        t.join();

    std::vector<double> all;
    for (const auto& l : latencies)
        all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    const auto pct = [&](double p) {
        return all.empty() ? 0.0 : all[static_cast<std::size_t>(p * (all.size() - 1))];
    };
    std::printf(
        "GET /v1/mgmt/tenant/all, %d tenants (%zu-byte answer), %d client threads, %d s on "
        "loopback\n",
        s.tenants, body_bytes, s.threads, s.seconds);
    std::printf("requests: %zu, errors: %ld\n", all.size(), errors.load());
    std::printf("throughput: %.0f requests/s\n", static_cast<double>(all.size()) / elapsed);
    std::printf("latency ms: p50 %.3f, p90 %.3f, p99 %.3f, max %.3f\n", pct(0.5), pct(0.9),
                pct(0.99), all.empty() ? 0.0 : all.back());
    // Server CPU per request depends much less on what else the machine runs than wall-clock
    // throughput does: it says how many requests one core could serve.
    if (!all.empty() && server_cpu > 0) {
        const double us = server_cpu / static_cast<double>(all.size()) * 1e6;
        std::printf("server CPU: %.1f us per request (%.0f requests/s per fully used core)\n", us,
                    1e6 / us);
    }
    return errors == 0 ? 0 : 1;
}
