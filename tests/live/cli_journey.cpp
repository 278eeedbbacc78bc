#include "live/cli_journey.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "api/base_url.hpp"
#include "api/curl_transport.hpp"
#include "api/rate_limiter.hpp"
#include "util/clock.hpp"

namespace descope_mgmt::live {

namespace {

using namespace std::chrono_literals;

/// How long a check right after a write is re-run before it fails (R7), and its pauses.
constexpr auto kVisibilityBudget = 15s;
const std::vector<std::chrono::milliseconds> kPauses = {1000ms, 2000ms, 4000ms, 8000ms};

/// For the restore and the prune: the automatic backup before a change (docs/backup.md).
const std::map<std::string, std::string> kNoAutomaticBackup = {{"DESCOPE_MGMT_BACKUP", "off"}};

/// A prefix the clean-up may act on: `dmlive-` followed by at least 8 more characters. Guards
/// against an empty or short prefix, which would match objects that are not the journey's.
bool safe_prefix(const std::string& prefix) {
    return std::string_view(prefix).starts_with("dmlive-") && prefix.size() >= 15 &&
           prefix.find_first_of(" \t\n") == std::string::npos;
}

std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string out;
    for (const auto& i : items) {
        if (!out.empty()) out += separator;
        out += i;
    }
    return out;
}

std::string command_line(const std::vector<std::string>& args) {
    return "descope-mgmt " + join(args, " ");
}

/// The output of a run, for a failure message (already masked by CliJourney::mgmt).
std::string describe(const test::ProcessResult& r) {
    std::ostringstream s;
    s << "exit " << r.exit_code << (r.timed_out ? " (timed out)" : "") << "\n--- stdout ---\n"
      << r.out << "\n--- stderr ---\n"
      << r.err;
    return s.str();
}

void mask(std::string& text, const std::string& secret) {
    if (secret.empty()) return;
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos))
        text.replace(pos, secret.size(), "*****");
}

nlohmann::json parse_json(const std::string& text) {
    return nlohmann::json::parse(text, nullptr, false);
}

/// The changes of a plan environment that do something (not `no-op`).
std::vector<nlohmann::json> real_changes(const nlohmann::json& environment_plan) {
    std::vector<nlohmann::json> out;
    for (const auto& c : environment_plan.value("changes", nlohmann::json::array())) {
        if (c.value("action", "") != "no-op") out.push_back(c);
    }
    return out;
}

}  // namespace

const char* to_string(Step step) {
    switch (step) {
        case Step::validate:
            return "validate";
        case Step::plan_creates:
            return "plan (creates)";
        case Step::apply:
            return "apply";
        case Step::plan_no_changes:
            return "plan (no changes)";
        case Step::drift_in_sync:
            return "drift (in sync)";
        case Step::backup:
            return "backup";
        case Step::out_of_band_change:
            return "out-of-band change";
        case Step::drift_detected:
            return "drift (detected)";
        case Step::restore:
            return "restore";
        case Step::drift_after_restore:
            return "drift (after restore)";
        case Step::prune:
            return "prune";
    }
    return "?";
}

std::string unique_prefix() {
    std::random_device rd;
    std::mt19937_64 gen((static_cast<std::uint64_t>(rd()) << 32) ^ rd() ^
                        static_cast<std::uint64_t>(::getpid()));
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string random;
    for (int i = 0; i < 6; ++i)
        random += digits[gen() % 36];
    return "dmlive-" + std::to_string(std::time(nullptr)) + "-" + random;
}

std::unique_ptr<api::HttpDescopeApi> make_client(const JourneyProject& project) {
    auto base = api::resolve_base_url(project.project_id, project.base_url);
    if (!base) {
        ADD_FAILURE() << base.error().message;
        return nullptr;
    }
    api::ClientOptions o;
    o.environment = "test";
    o.project_id = project.project_id;
    o.management_key = util::Secret(project.management_key);
    o.base_url = *base;
    // Descope allows 100 requests / 60 s per IP; the CLI runs take their share of that too,
    // and the client waits (Retry-After) when the service says 429.
    auto limiter =
        std::make_shared<api::RateLimiter>(util::SystemClock::instance(), model::RateLimit{90, 60});
    return std::make_unique<api::HttpDescopeApi>(std::move(o),
                                                 std::make_shared<api::CurlTransport>(), limiter);
}

std::optional<std::vector<std::string>> prefixed_objects(api::DescopeApi& api,
                                                         const std::string& prefix) {
    const std::string p = prefix + "-";
    std::vector<std::string> out;
    auto roles = api.load_all_roles();
    auto tenants = api.load_all_tenants();
    auto permissions = api.load_all_permissions();
    if (!roles || !tenants || !permissions) return std::nullopt;
    for (const auto& r : *roles) {
        if (std::string_view(r.name).starts_with(p) ||
            std::string_view(r.tenant_id).starts_with(p)) {
            out.push_back("role:" + (r.tenant_id.empty() ? r.name : r.tenant_id + "/" + r.name));
        }
    }
    for (const auto& t : *tenants) {
        if (std::string_view(t.id).starts_with(p)) out.push_back("tenant:" + t.id);
    }
    for (const auto& x : *permissions) {
        if (std::string_view(x.name).starts_with(p)) out.push_back("permission:" + x.name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> delete_prefixed(api::DescopeApi& api, const std::string& prefix) {
    if (!safe_prefix(prefix)) return {"refused: '" + prefix + "' is not a dmlive- prefix"};
    const std::string p = prefix + "-";
    std::vector<std::string> left;
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t round = 0;; ++round) {
        left.clear();
        bool listed = true;
        // Roles first (a tenant-scoped role belongs to one of our tenants).
        if (auto roles = api.load_all_roles()) {
            for (const auto& r : *roles) {
                if (!std::string_view(r.name).starts_with(p) &&
                    !std::string_view(r.tenant_id).starts_with(p))
                    continue;
                left.push_back("role:" +
                               (r.tenant_id.empty() ? r.name : r.tenant_id + "/" + r.name));
                (void)api.delete_role(r.name, r.tenant_id);
            }
        } else {
            listed = false;
        }
        if (auto tenants = api.load_all_tenants()) {
            // Sub-tenants before parents: deepest first (Descope invents no cascade, R11).
            std::vector<model::Tenant> ours;
            for (const auto& t : *tenants) {
                if (std::string_view(t.id).starts_with(p)) ours.push_back(t);
            }
            auto depth = [&](const model::Tenant& t) {
                int d = 0;
                std::string parent = t.parent;
                while (!parent.empty() && d < 16) {
                    ++d;
                    auto it = std::find_if(ours.begin(), ours.end(),
                                           [&](const model::Tenant& x) { return x.id == parent; });
                    parent = it == ours.end() ? "" : it->parent;
                }
                return d;
            };
            std::stable_sort(ours.begin(), ours.end(),
                             [&](const auto& a, const auto& b) { return depth(a) > depth(b); });
            for (const auto& t : ours) {
                left.push_back("tenant:" + t.id);
                (void)api.delete_tenant(t.id, false);
            }
        } else {
            listed = false;
        }
        if (auto permissions = api.load_all_permissions()) {
            for (const auto& x : *permissions) {
                if (!std::string_view(x.name).starts_with(p)) continue;
                left.push_back("permission:" + x.name);
                (void)api.delete_permission(x.name);
            }
        } else {
            listed = false;
        }
        // Done when a listing found nothing, and not in the first round: an object created a
        // moment ago may not be listed yet (R7), so the first empty listing is confirmed after
        // a pause.
        if (listed && left.empty() && round > 0) return {};
        if (std::chrono::steady_clock::now() - start >= kVisibilityBudget) {
            if (!listed) left.push_back("(a listing failed)");
            // What the last round saw was deleted; one more listing tells what is really left.
            std::this_thread::sleep_for(kPauses.front());
            auto now = prefixed_objects(api, prefix);
            return now ? *now : std::vector<std::string>{"(the final listing failed)"};
        }
        std::this_thread::sleep_for(kPauses[std::min(round, kPauses.size() - 1)]);
    }
}

CliJourney::CliJourney(JourneyProject project, std::string prefix)
    : m_project(std::move(project)), m_prefix(std::move(prefix)) {
    char tmpl[] = "/tmp/dm_live_journey.XXXXXX";
    if (const char* d = ::mkdtemp(tmpl)) m_dir = d;
    m_api = make_client(m_project);
}

CliJourney::~CliJourney() {
    clean_up();
    std::error_code ec;
    if (!m_dir.empty()) std::filesystem::remove_all(m_dir, ec);
}

std::string CliJourney::config(bool with_scratch_tenant) const {
    const std::string& p = m_prefix;
    std::string text = "# descope-mgmt live journey: only objects named " + p + "-*\n";
    text += R"(version: 1
environments:
  test: {}
permissions:
  - name: PFX-read
    description: Read (descope-mgmt live test)
  - name: PFX-write
roles:
  - name: PFX-viewer
    permissions: [PFX-read]
  - name: PFX-admin
    description: Full access (descope-mgmt live test)
    permissions: [PFX-read, PFX-write]
  - name: PFX-auditor
    tenant: PFX-acme
    permissions: [PFX-read]
tenants:
  - id: PFX-holding
    name: PFX Holding
  - id: PFX-acme
    name: PFX Acme
    parent: PFX-holding
    default_roles: [PFX-viewer]
    session_settings:
      refresh_token_expiration: 4w
      session_token_expiration: 10m
)";
    if (with_scratch_tenant) {
        text += R"(  - id: PFX-scratch
    name: PFX Scratch
    parent: PFX-holding
)";
    }
    // Every name starts with the prefix.
    for (auto pos = text.find("PFX"); pos != std::string::npos; pos = text.find("PFX", pos)) {
        text.replace(pos, 3, p);
        pos += p.size();
    }
    return text;
}

void CliJourney::write_config(bool with_scratch_tenant) const {
    std::ofstream(m_dir / "descope.yaml") << config(with_scratch_tenant);
}

test::ProcessResult CliJourney::mgmt(std::vector<std::string> args,
                                     const std::map<std::string, std::string>& extra_env) const {
    const std::string line = command_line(args);
    args.insert(args.begin(), DM_MGMT_BINARY);
    test::ProcessOptions o;
    o.env["DESCOPE_TEST_PROJECT_ID"] = m_project.project_id;
    o.env["DESCOPE_TEST_MANAGEMENT_KEY"] = m_project.management_key;
    if (m_project.base_url) o.env["DESCOPE_BASE_URL"] = *m_project.base_url;
    o.env["NO_COLOR"] = "1";
    // Nothing from the caller's shell may redirect the config or the automatic backups.
    o.unset_env = {"DESCOPE_MGMT_CONFIG", "DESCOPE_MGMT_BACKUP_DIR", "DESCOPE_MGMT_BACKUP_KEEP",
                   "DESCOPE_MGMT_BACKUP"};
    if (!m_project.base_url) o.unset_env.push_back("DESCOPE_BASE_URL");
    for (const auto& [name, value] : extra_env)
        o.env[name] = value;
    o.cwd = m_dir;
    // Generous: a 429 from Descope means a 60 s backoff.
    o.timeout = 300s;
    auto r = test::run_process(args, o);
    const std::string& key = m_project.management_key;
    if (!key.empty() &&
        (r.out.find(key) != std::string::npos || r.err.find(key) != std::string::npos)) {
        ADD_FAILURE() << line << ": the management key appears in the output (masked below)";
    }
    mask(r.out, key);
    mask(r.err, key);
    std::cout << "[ step     ] " << line << " -> exit " << r.exit_code << std::endl;
    return r;
}

test::ProcessResult CliJourney::poll_exit(const std::vector<std::string>& args,
                                          int expected) const {
    // R7 (see the header): re-run until the new state is visible, up to ~15 s.
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t attempt = 0;; ++attempt) {
        auto r = mgmt(args);
        if (r.exit_code == expected || r.exit_code == 1 || r.timed_out) return r;
        if (std::chrono::steady_clock::now() - start >= kVisibilityBudget) return r;
        std::this_thread::sleep_for(kPauses[std::min(attempt, kPauses.size() - 1)]);
    }
}

void CliJourney::expect_prefixed_changes(const nlohmann::json& environment_plan,
                                         const std::string& what) const {
    for (const auto& c : real_changes(environment_plan)) {
        const std::string key = c.value("key", "");
        EXPECT_TRUE(std::string_view(key).starts_with(m_prefix + "-"))
            << what << " would change an object outside the prefix: " << c.dump();
    }
}

void CliJourney::run(Step last) {
    ASSERT_FALSE(m_dir.empty()) << "no temporary folder";
    ASSERT_TRUE(m_api) << "no API client";
    ASSERT_TRUE(safe_prefix(m_prefix)) << m_prefix;
    std::cout << "[ info     ] prefix " << m_prefix << ", folder " << m_dir.string() << std::endl;
    write_config(true);
    for (int s = 0; s <= static_cast<int>(last); ++s) {
        step(static_cast<Step>(s));
        if (::testing::Test::HasFatalFailure()) {
            std::cout << "[ info     ] stopped at step '" << to_string(static_cast<Step>(s)) << "'"
                      << std::endl;
            return;
        }
    }
}

void CliJourney::step(Step s) {
    if (on_step) on_step(to_string(s));
    SCOPED_TRACE(std::string("journey step: ") + to_string(s));
    switch (s) {
        case Step::validate:
            return do_validate();
        case Step::plan_creates:
            return do_plan_creates();
        case Step::apply:
            return do_apply();
        case Step::plan_no_changes:
            return do_plan_no_changes();
        case Step::drift_in_sync:
            return do_drift_in_sync("apply");
        case Step::backup:
            return do_backup();
        case Step::out_of_band_change:
            return do_out_of_band_change();
        case Step::drift_detected:
            return do_drift_detected();
        case Step::restore:
            return do_restore();
        case Step::drift_after_restore:
            return do_drift_in_sync("restore");
        case Step::prune:
            return do_prune();
    }
}

void CliJourney::do_validate() {
    auto r = mgmt({"validate"});
    ASSERT_EQ(r.exit_code, 0) << describe(r) << "\n--- descope.yaml ---\n" << config(true);
}

void CliJourney::do_plan_creates() {
    auto r = mgmt({"plan", "-e", "test", "--detailed-exitcode", "-o", "json"});
    ASSERT_EQ(r.exit_code, 2) << describe(r);
    const auto doc = parse_json(r.out);
    ASSERT_TRUE(doc.is_object() && doc.contains("environments")) << r.out;
    ASSERT_EQ(doc["environments"].size(), 1u) << r.out;
    const auto& env = doc["environments"][0];
    // 2 permissions, 3 roles, 3 tenants, acme's session settings and default roles.
    std::multiset<std::string> kinds;
    for (const auto& c : real_changes(env)) {
        EXPECT_EQ(c.value("action", ""), "create") << c.dump();
        kinds.insert(c.value("type", ""));
    }
    EXPECT_EQ(kinds.count("permission"), 2u) << r.out;
    EXPECT_EQ(kinds.count("role"), 3u) << r.out;
    EXPECT_EQ(kinds.count("tenant"), 3u) << r.out;
    EXPECT_EQ(kinds.count("tenant_settings"), 1u) << r.out;
    EXPECT_EQ(kinds.count("tenant_default_roles"), 1u) << r.out;
    expect_prefixed_changes(env, "the first plan");
}

void CliJourney::do_apply() {
    // apply itself retries a change that needs an object it created a moment ago (R7), for up
    // to --visibility-timeout seconds (default 5; more here, to be tolerant of a slow day).
    auto r = mgmt({"apply", "-e", "test", "--auto-approve", "--visibility-timeout", "15"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
}

void CliJourney::do_plan_no_changes() {
    auto r = poll_exit({"plan", "-e", "test", "--detailed-exitcode"}, 0);
    ASSERT_EQ(r.exit_code, 0) << "the plan right after apply still has changes after ~15 s\n"
                              << describe(r);
}

void CliJourney::do_drift_in_sync(const char* after) {
    // Roles and permissions of the scratch project that are not the journey's would count as
    // extras: --ignore-extra keeps the check to what the config declares.
    auto r = poll_exit({"drift", "-e", "test", "--ignore-extra"}, 0);
    ASSERT_EQ(r.exit_code, 0) << "drift after " << after << "\n" << describe(r);
}

void CliJourney::do_backup() {
    // --settings managed: read the session settings of the declared tenants only, so that a
    // scratch project with many tenants stays cheap.
    auto r = mgmt({"backup", "-e", "test", "--dir", (m_dir / "backups").string(), "--settings",
                   "managed", "-o", "json"});
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto doc = parse_json(r.out);
    ASSERT_TRUE(doc.is_object() && doc.contains("environments")) << r.out;
    ASSERT_EQ(doc["environments"].size(), 1u) << r.out;
    m_backup_file = doc["environments"][0].value("file", "");
    ASSERT_TRUE(std::filesystem::is_regular_file(m_backup_file)) << r.out;
    std::ifstream in(m_backup_file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(text.find(tenant_id("acme")), std::string::npos) << "the backup lacks the tenant";
    EXPECT_EQ(text.find(m_project.management_key), std::string::npos)
        << "the backup contains the management key";
}

void CliJourney::do_out_of_band_change() {
    // Someone renames a tenant in the console: straight through the API, not the config.
    auto t = m_api->load_tenant(tenant_id("acme"));
    ASSERT_TRUE(t) << t.error().to_string();
    m_edited_name = m_prefix + " Acme (edited out of band)";
    t->name = m_edited_name;
    auto u = m_api->update_tenant(*t);
    ASSERT_TRUE(u) << u.error().to_string();
}

void CliJourney::do_drift_detected() {
    auto r = poll_exit({"drift", "-e", "test", "--ignore-extra"}, 2);
    ASSERT_EQ(r.exit_code, 2) << "the out-of-band rename was not seen as drift\n" << describe(r);
    EXPECT_NE(r.out.find("tenant:" + tenant_id("acme")), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(m_edited_name), std::string::npos) << r.out;
}

void CliJourney::do_restore() {
    ASSERT_FALSE(m_backup_file.empty());
    // The backup holds the whole project; --target restores only the journey's edited tenant
    // (and what it needs), so that nothing outside the prefix is ever written.
    // The first apply took an automatic backup already; this one would cost 7 more requests of
    // the 100 / 60 s Descope allows per IP, for a folder deleted at the end.
    auto r = mgmt({"restore", m_backup_file.string(), "-e", "test", "--auto-approve", "--target",
                   "tenant:" + tenant_id("acme"), "-o", "json"},
                  kNoAutomaticBackup);
    ASSERT_EQ(r.exit_code, 0) << describe(r);
    const auto doc = parse_json(r.out);
    ASSERT_TRUE(doc.is_object() && doc.contains("plan")) << r.out;
    const auto& env = doc["plan"]["environments"][0];
    expect_prefixed_changes(env, "restore");
    bool renamed = false;
    for (const auto& c : real_changes(env)) {
        if (c.value("address", "") == "tenant:" + tenant_id("acme") &&
            c.value("action", "") == "update")
            renamed = true;
    }
    EXPECT_TRUE(renamed) << "restore did not plan to undo the rename: " << r.out;
    EXPECT_TRUE(doc.value("ok", false)) << r.out;
}

void CliJourney::do_prune() {
    // Drop the scratch tenant from the config and delete it with the narrowest prune: --target
    // keeps only that tenant's deletion (and what it depends on) and --max-deletes 1 refuses
    // anything more. A bare --prune would delete every tenant of the project the config does
    // not declare. The plan is checked first; the apply runs only if it deletes exactly that.
    write_config(false);
    const std::string scratch = tenant_id("scratch");
    const std::vector<std::string> narrow = {
        "-e", "test", "--prune", "tenants", "--target", "tenant:" + scratch, "--max-deletes", "1"};
    std::vector<std::string> plan_args = {"plan", "--detailed-exitcode", "-o", "json"};
    plan_args.insert(plan_args.end(), narrow.begin(), narrow.end());
    auto p = mgmt(plan_args);
    ASSERT_EQ(p.exit_code, 2) << describe(p);
    const auto doc = parse_json(p.out);
    ASSERT_TRUE(doc.is_object() && doc.contains("environments")) << p.out;
    const auto changes = real_changes(doc["environments"][0]);
    ASSERT_EQ(changes.size(), 1u) << "the prune plan is not just the scratch tenant: " << p.out;
    ASSERT_EQ(changes[0].value("action", ""), "delete") << p.out;
    ASSERT_EQ(changes[0].value("address", ""), "tenant:" + scratch) << p.out;

    std::vector<std::string> apply_args = {"apply", "--auto-approve"};
    apply_args.insert(apply_args.end(), narrow.begin(), narrow.end());
    auto a = mgmt(apply_args, kNoAutomaticBackup);
    ASSERT_EQ(a.exit_code, 0) << describe(a);

    // R7: a deleted tenant may still be listed for a moment.
    const auto start = std::chrono::steady_clock::now();
    for (std::size_t attempt = 0;; ++attempt) {
        auto objects = prefixed_objects(*m_api, m_prefix);
        ASSERT_TRUE(objects) << "listing the project failed";
        const bool gone =
            std::find(objects->begin(), objects->end(), "tenant:" + scratch) == objects->end();
        if (gone) {
            const std::vector<std::string> expected = {
                "permission:" + m_prefix + "-read",
                "permission:" + m_prefix + "-write",
                "role:" + m_prefix + "-admin",
                "role:" + m_prefix + "-viewer",
                "role:" + tenant_id("acme") + "/" + m_prefix + "-auditor",
                "tenant:" + tenant_id("acme"),
                "tenant:" + tenant_id("holding"),
            };
            auto sorted = expected;
            std::sort(sorted.begin(), sorted.end());
            EXPECT_EQ(*objects, sorted)
                << "the prune removed more (or less) than the scratch tenant";
            return;
        }
        ASSERT_LT(std::chrono::steady_clock::now() - start, kVisibilityBudget)
            << "tenant:" << scratch << " is still listed after the prune";
        std::this_thread::sleep_for(kPauses[std::min(attempt, kPauses.size() - 1)]);
    }
}

void CliJourney::clean_up() {
    if (m_cleaned || !m_api) return;
    m_cleaned = true;
    if (on_step) on_step("clean-up");
    auto left = delete_prefixed(*m_api, m_prefix);
    EXPECT_TRUE(left.empty()) << "the clean-up left objects of " << m_prefix << ": " << join(left);
    std::cout << "[ info     ] clean-up of " << m_prefix << ": "
              << (left.empty() ? "nothing left" : join(left)) << std::endl;
}

}  // namespace descope_mgmt::live
