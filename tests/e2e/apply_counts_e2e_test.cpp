// Issue 13, with the real binaries: `apply -y` reads each live object once (its automatic backup
// is built from the plan's read) and its report counts every request the run sent, as the
// emulator's --request-log records them.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "plan_e2e_support.hpp"
#include "support/files.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

/// One request of the emulator's log, for one project.
struct CountedRequest {
    std::string method;
    std::string path;
};

bool counted_request_changes(const CountedRequest& r) {
    if (r.method != "POST") return false;
    for (const char* word : {"create", "update", "delete", "import"})
        if (r.path.find(word) != std::string::npos) return true;
    return r.path.ends_with("/tenant/settings");
}

class ApplyCountsE2e : public PlanE2e {
  protected:
    void SetUp() override { start({"--request-log", log_path().string()}); }
    std::filesystem::path log_path() const { return m_logs / "requests.jsonl"; }

    /// The requests logged for `env`'s project so far, in order.
    std::vector<CountedRequest> requests_of(const std::string& env) const {
        std::vector<CountedRequest> out;
        std::ifstream in(log_path());
        for (std::string line; std::getline(in, line);) {
            const auto j = nlohmann::json::parse(line, nullptr, false);
            if (j.is_discarded() || j.value("project", "") != project_id(env)) continue;
            out.push_back({j.value("method", ""), j.value("path", "")});
        }
        return out;
    }
    void clear_log() const { std::ofstream(log_path(), std::ios::trunc).flush(); }

    test::TempDir m_logs{"dm-counts-e2e"};
};

TEST_F(ApplyCountsE2e, ApplyReadsEachLiveObjectOnceAndItsReportCountsEveryRequest) {
    api("test", "POST", "/v1/mgmt/tenant/create", {{"id", "legacy"}, {"name", "Legacy"}});
    clear_log();
    const auto plan = mgmt({"-e", "test", "plan"});
    ASSERT_EQ(plan.exit_code, 0) << plan.out << plan.err;
    const auto planned = requests_of("test");
    ASSERT_GT(planned.size(), 0u);
    clear_log();

    const auto r = mgmt({"-e", "test", "apply", "-y"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const auto sent = requests_of("test");
    std::size_t changes = 0;
    std::map<std::string, int> reads;  // "GET /v1/mgmt/tenant/all" -> times
    for (const auto& q : sent) {
        if (counted_request_changes(q))
            ++changes;
        else
            ++reads[q.method + " " + q.path];
    }
    ASSERT_GT(changes, 0u);
    // Each read once: the backup re-read nothing the plan had read (before issue 13 it read the
    // lists again). The config manages no flow and no theme, so the plan read neither; the
    // backup, which must hold them, reads just those two.
    for (const auto& [what, times] : reads)
        EXPECT_EQ(times, 1) << what << " was sent " << times << " times";
    EXPECT_EQ(sent.size(), reads.size() + changes);
    for (const auto& q : planned)
        EXPECT_EQ(reads.count(q.method + " " + q.path), 1u) << q.path;
    EXPECT_EQ(reads.count("POST /v1/mgmt/flow/list"), 1u);
    EXPECT_EQ(reads.count("POST /v1/mgmt/theme/export"), 1u);
    const std::size_t backup_more = 2;
    // The report counts every request of the run: the plan's reads, the backup's, the apply's
    // (its changes, and the settings read that keeps a tenant's unmanaged settings).
    EXPECT_TRUE(contains(r.out, fmt::format("; api: {} calls ({} to read, {} to apply), 0 retries",
                                            sent.size(), planned.size() + backup_more,
                                            sent.size() - planned.size() - backup_more)))
        << r.out;

    // The backup holds the project as it was before the change, and `backup verify` takes it.
    std::vector<std::filesystem::path> files;
    for (const auto& e :
         std::filesystem::directory_iterator(m_dir / ".descope-mgmt" / "backups" / "test"))
        files.push_back(e.path());
    ASSERT_EQ(files.size(), 1u);
    std::ifstream in(files.front());
    const auto doc = nlohmann::json::parse(in);
    ASSERT_EQ(doc["resources"]["tenants"].size(), 1u) << doc.dump(2);
    EXPECT_EQ(doc["resources"]["tenants"][0]["id"], "legacy");
    for (const auto& role : doc["resources"]["roles"])
        EXPECT_NE(role["name"], "viewer") << "a role the apply created is in the backup";
    const auto verify = mgmt({"backup", "verify", files.front().string()});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(ApplyCountsE2e, ApplyOverSeveralEnvironmentsEndsWithOneTotalLine) {
    const auto r = mgmt({"-e", "test", "-e", "devtest", "apply", "-y"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const std::size_t all = requests_of("test").size() + requests_of("devtest").size();
    const auto at = r.out.find("\ntotal: ");
    ASSERT_NE(at, std::string::npos) << r.out;
    EXPECT_GT(at, r.out.find("devtest: ")) << r.out;
    EXPECT_TRUE(contains(r.out.substr(at), fmt::format(" in 2 environments; api: {} calls (", all)))
        << r.out;
    EXPECT_TRUE(contains(r.out, "\ntotal: ")) << r.out;
    const auto doc_run = mgmt({"-e", "test", "-e", "devtest", "-o", "json", "apply", "-y"});
    ASSERT_EQ(doc_run.exit_code, 0) << doc_run.err;
    const auto doc = nlohmann::json::parse(doc_run.out);
    EXPECT_EQ(doc["totals"]["environments"], 2) << doc.dump(2);
    EXPECT_EQ(doc["totals"]["apply_calls"], 0) << doc.dump(2);  // nothing left to change
    EXPECT_GT(doc["totals"]["read_calls"].get<int>(), 0) << doc.dump(2);
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
