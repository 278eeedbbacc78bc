// plan at scale against the real binaries: descope-emulator (zero latency) hosting five
// projects, a generated config of N tenants (default 2,000) per environment, a tenth of them
// with session settings. First `apply --auto-approve` creates everything (timed), then `plan`
// is measured: wall time and peak RSS of the descope-mgmt process (wait4), and the API calls of
// each environment (the emulator's request log). Usage: plan_scale_bench [--tenants N]

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/emulator_process.hpp"

namespace fs = std::filesystem;
using descope_mgmt::test::EmulatorProcess;

namespace {

const std::vector<std::string> kEnvironments = {"test", "devtest", "dev", "staging", "prod"};

std::string project_id(std::size_t i) {
    std::string id = "P2benchproject" + std::to_string(i);
    id.resize(28, '0');
    return id;
}
std::string key(std::size_t i) {
    return "K2benchmanagementkey" + std::to_string(i);
}
std::string upper(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string make_config(int tenants) {
    std::ostringstream y;
    y << "version: 1\n"
      << "defaults:\n  rate_limit: { requests: 100000, per_seconds: 1 }\n"
      << "environments:\n";
    for (const auto& e : kEnvironments)
        y << "  " << e << ": {}\n";
    y << "permissions:\n";
    for (int p = 0; p < 10; ++p)
        y << "  - name: perm." << p << "\n    description: Permission " << p << "\n";
    y << "roles:\n";
    for (int r = 0; r < 5; ++r) {
        y << "  - name: role-" << r << "\n    permissions: [perm." << r << ", perm." << r + 5
          << "]\n";
    }
    y << "tenants:\n";
    for (int i = 0; i < tenants; ++i) {
        y << "  - id: tenant-" << i << "\n"
          << "    name: Tenant " << i << "\n"
          << "    self_provisioning_domains: [t" << i << ".example.com]\n"
          << "    custom_attributes: { plan: business, seats: " << i << " }\n";
        if (i % 5 == 0) y << "    default_roles: [role-" << (i / 5) % 5 << "]\n";
        if (i % 10 == 0) {
            y << "    session_settings: { session_token_expiration: 10m, "
                 "refresh_token_expiration: 4w }\n";
        }
    }
    return y.str();
}

struct Run {
    int exit_code = -1;
    double seconds = 0;
    long max_rss_kb = 0;
    double cpu_seconds = 0;  // user + system CPU of the descope-mgmt process
};

/// Runs descope-mgmt with `args`, its output to files in `dir`; waits with wait4 for its rusage.
Run run_mgmt(const std::vector<std::string>& args, const fs::path& dir,
             const std::string& base_url) {
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = fork();
    if (pid == 0) {
        setenv("DESCOPE_BASE_URL", base_url.c_str(), 1);
        for (std::size_t i = 0; i < kEnvironments.size(); ++i) {
            const std::string e = upper(kEnvironments[i]);
            setenv(("DESCOPE_" + e + "_PROJECT_ID").c_str(), project_id(i).c_str(), 1);
            setenv(("DESCOPE_" + e + "_MANAGEMENT_KEY").c_str(), key(i).c_str(), 1);
        }
        const int out = open((dir / "out.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int err = open((dir / "err.txt").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int in = open("/dev/null", O_RDONLY);
        dup2(out, 1);
        dup2(err, 2);
        dup2(in, 0);
        std::vector<char*> argv;
        std::string binary = DM_MGMT_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(binary.c_str(), argv.data());
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    Run r;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.max_rss_kb = usage.ru_maxrss;
    auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    r.cpu_seconds = secs(usage.ru_utime) + secs(usage.ru_stime);
    return r;
}

/// Requests per project id in the request log from byte `offset` on.
std::map<std::string, int> count_requests(const fs::path& log, std::streamoff offset) {
    std::ifstream in(log);
    in.seekg(offset);
    std::map<std::string, int> counts;
    std::string line;
    while (std::getline(in, line)) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_object()) ++counts[j.value("project", "")];
    }
    return counts;
}

std::streamoff log_size(const fs::path& p) {
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : static_cast<std::streamoff>(n);
}

std::string tail(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    std::string t = s.str();
    return t.size() > 2000 ? t.substr(t.size() - 2000) : t;
}

}  // namespace

int main(int argc, char** argv) {
    int tenants = 2000;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::string(argv[i]) == "--tenants") tenants = std::atoi(argv[i + 1]);
    }
    char tmpl[] = "/tmp/plan_scale_bench.XXXXXX";
    const fs::path dir = mkdtemp(tmpl);
    const fs::path config = dir / "descope.yaml";
    std::ofstream(config) << make_config(tenants);
    const fs::path log = dir / "requests.jsonl";

    // The attributes the config sets must be defined in each project (docs/real-service.md R4).
    std::vector<std::string> emu_args = {"--request-log",      log.string(),
                                         "--tenant-attribute", "plan",
                                         "--tenant-attribute", "seats:number"};
    for (std::size_t i = 0; i < kEnvironments.size(); ++i) {
        emu_args.push_back("--project");
        emu_args.push_back(project_id(i) + ":" + key(i) + ":" + kEnvironments[i]);
    }
    auto emulator = EmulatorProcess::start(emu_args);
    if (!emulator) {
        std::cerr << "cannot start the emulator: " << emulator.error().message << "\n";
        return 1;
    }
    std::cout << "plan_scale_bench: " << kEnvironments.size() << " environments x " << tenants
              << " tenants (" << (tenants + 9) / 10 << " with session settings), emulator at "
              << (*emulator)->base_url() << ", zero latency\n";

    const Run apply =
        run_mgmt({"-c", config.string(), "-q", "apply", "--auto-approve", "--parallelism", "8"},
                 dir, (*emulator)->base_url());
    const auto apply_requests = count_requests(log, 0);
    if (apply.exit_code != 0) {
        std::cerr << "apply failed (exit " << apply.exit_code << "):\n" << tail(dir / "err.txt");
        return 1;
    }
    int apply_total = 0;
    for (const auto& [p, n] : apply_requests)
        apply_total += n;
    std::printf(
        "apply (first, creates everything): %.2f s wall, %.2f s CPU, peak RSS %.1f MB, %d "
        "requests\n",
        apply.seconds, apply.cpu_seconds, apply.max_rss_kb / 1024.0, apply_total);

    // The config alone (YAML parsing and checks, no network), to separate it from the plan.
    const Run validate =
        run_mgmt({"-c", config.string(), "validate"}, dir, (*emulator)->base_url());
    std::printf("validate (config load only, no network): exit %d, %.2f s wall, peak RSS %.1f MB\n",
                validate.exit_code, validate.seconds, validate.max_rss_kb / 1024.0);

    for (int round = 1; round <= 3; ++round) {
        const auto offset = log_size(log);
        const Run plan = run_mgmt({"-c", config.string(), "plan", "--detailed-exitcode"}, dir,
                                  (*emulator)->base_url());
        const auto counts = count_requests(log, offset);
        std::printf(
            "plan #%d: exit %d, %.2f s wall, %.2f s CPU, peak RSS %.1f MB; API calls per "
            "environment:",
            round, plan.exit_code, plan.seconds, plan.cpu_seconds, plan.max_rss_kb / 1024.0);
        for (std::size_t i = 0; i < kEnvironments.size(); ++i) {
            const auto it = counts.find(project_id(i));
            std::printf(" %s=%d", kEnvironments[i].c_str(), it == counts.end() ? 0 : it->second);
        }
        std::printf("\n");
        if (plan.exit_code != 0) {
            std::cerr << "plan did not report 'no changes':\n" << tail(dir / "err.txt");
            return 1;
        }
    }
    std::printf("(goal: at most 4 + one per managed tenant with session settings = %d)\n",
                4 + (tenants + 9) / 10);
    (*emulator)->stop();
    fs::remove_all(dir);
    return 0;
}
