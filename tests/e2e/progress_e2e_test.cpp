// Issue 13, progress, with the real binaries against a rate-limited descope-emulator (its 429s
// carry Retry-After): on a terminal one live line per phase (the reads, then the changes), with
// the rate-limit wait, redrawn in place and erased at the end, the retry lines above it intact;
// without a terminal no control character at all, and a plain line only once the run is 10 s
// old; nothing at -q; nothing on stdout ever.

#include <fstream>
#include <sstream>

#include "plan_e2e_support.hpp"
#include "support/files.hpp"

namespace descope_mgmt::progress_e2e {
namespace {

using plan_e2e::contains;

/// One environment and `tenants` tenants to create (t1, t2...): with `--rate-limit 3/2` the read
/// (license and three lists) and the creates each run into a 429 whose Retry-After the client
/// waits out.
std::string progress_config(int tenants) {
    std::string text = "version: 1\nenvironments:\n  dev: {}\ntenants:\n";
    for (int i = 1; i <= tenants; ++i)
        text += "  - { id: t" + std::to_string(i) + ", name: T" + std::to_string(i) + " }\n";
    return text;
}

const char* const kKey = "K2progresssecretkey";

/// What a terminal shows once `raw` has been written to it: '\r' goes back to the start of the
/// line, ESC[K erases to its end, '\n' starts the next one. (The output has no other escape:
/// NO_COLOR is set.)
std::vector<std::string> screen_of(const std::string& raw) {
    std::vector<std::string> lines(1);
    std::size_t col = 0;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        std::string& line = lines.back();
        if (c == '\r') {
            col = 0;
        } else if (c == '\n') {
            lines.emplace_back();
            col = 0;
        } else if (c == '\x1b' && raw.compare(i, 3, "\x1b[K") == 0) {
            line.resize(std::min(line.size(), col));
            i += 2;
        } else {
            if (col < line.size())
                line[col] = c;
            else
                line.push_back(c);
            ++col;
        }
    }
    if (lines.back().empty()) lines.pop_back();
    return lines;
}

bool is_progress_line(const std::string& line) {
    return line.starts_with("reading live state:") || line.starts_with("applying changes:");
}

class ProgressE2e : public ::testing::Test {
  protected:
    void start_emulator(const std::string& rate_limit, int tenants = 4) {
        auto emu =
            test::EmulatorProcess::start({"--rate-limit", rate_limit, "--project",
                                          plan_e2e::project_id("dev") + ":" + kKey + ":dev"});
        ASSERT_TRUE(emu) << emu.error().message;
        m_emulator = std::move(*emu);
        std::ofstream(m_dir.path() / "descope.yaml") << progress_config(tenants);
    }

    test::ProcessOptions options() const {
        test::ProcessOptions o;
        o.env["DESCOPE_BASE_URL"] = m_emulator->base_url();
        o.env["DESCOPE_DEV_PROJECT_ID"] = plan_e2e::project_id("dev");
        o.env["DESCOPE_DEV_MANAGEMENT_KEY"] = kKey;
        o.env["DESCOPE_MGMT_BACKUP"] = "off";  // the reads and the changes, nothing else
        o.env["NO_COLOR"] = "1";
        o.env["TERM"] = "xterm";
        o.unset_env = {"DESCOPE_MGMT_CONFIG"};
        o.cwd = m_dir.path();
        o.timeout = std::chrono::milliseconds(120'000);
        return o;
    }

    /// descope-mgmt on a terminal 200 columns wide, stdout to a pipe.
    test::TerminalResult on_terminal(std::vector<std::string> args) const {
        args.insert(args.begin(), DM_MGMT_BINARY);
        test::TerminalOptions t;
        t.stdout_to_pipe = true;
        t.columns = 200;
        return test::run_on_terminal(args, options(), t);
    }

    test::ProcessResult without_terminal(std::vector<std::string> args) const {
        args.insert(args.begin(), DM_MGMT_BINARY);
        return test::run_process(args, options());
    }

    test::TempDir m_dir{"dm-progress-e2e"};
    std::unique_ptr<test::EmulatorProcess> m_emulator;
};

TEST_F(ProgressE2e, OnATerminalOneLiveLineShowsTheReadsTheChangesAndTheRateLimitWait) {
    start_emulator("3/2");
    const auto r = on_terminal({"apply", "-y"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    // Drawn in place: carriage return, the line, erase to the end of the line.
    EXPECT_TRUE(contains(r.output, "\rreading live state: dev ")) << r.output;
    EXPECT_TRUE(contains(r.output, "\rapplying changes: dev ")) << r.output;
    EXPECT_TRUE(contains(r.output, "\x1b[K")) << r.output;
    EXPECT_TRUE(contains(r.output, "; waiting for the rate limit (resumes in ")) << r.output;
    EXPECT_TRUE(contains(r.output, " retr")) << r.output;

    // What the terminal shows at the end: no progress line left, every ordinary line whole.
    const std::vector<std::string> screen = screen_of(r.output);
    std::size_t retries = 0;
    std::size_t created = 0;
    for (const std::string& line : screen) {
        EXPECT_FALSE(is_progress_line(line)) << line;
        EXPECT_FALSE(contains(line, "reading live state:") || contains(line, "applying changes:"))
            << "garbled: " << line;
        if (contains(line, "retrying in")) {
            ++retries;
            EXPECT_TRUE(line.starts_with("dev: ")) << "garbled: " << line;
        }
        if (contains(line, ": created (")) {
            ++created;
            EXPECT_TRUE(line.starts_with("dev: + tenant t")) << "garbled: " << line;
        }
    }
    EXPECT_GE(retries, 1u) << r.output;
    EXPECT_EQ(created, 4u) << r.output;

    // stdout holds the plan and the report, and nothing of the progress line.
    EXPECT_TRUE(contains(r.out, "dev: 4 created")) << r.out;
    EXPECT_FALSE(contains(r.out, "\r")) << r.out;
    EXPECT_FALSE(contains(r.out, "\x1b")) << r.out;
    EXPECT_FALSE(contains(r.out, "reading live state") || contains(r.out, "applying changes"))
        << r.out;
}

TEST_F(ProgressE2e, PlanShowsItsReadOnATerminal) {
    start_emulator("3/2");
    const auto r = on_terminal({"plan"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(contains(r.output, "\rreading live state: dev ")) << r.output;
    for (const std::string& line : screen_of(r.output))
        EXPECT_FALSE(is_progress_line(line)) << line;
    EXPECT_TRUE(contains(r.out, "+ tenant t1")) << r.out;
}

TEST_F(ProgressE2e, WithoutATerminalAShortRunPrintsNoProgressAndNoControlCharacter) {
    start_emulator("3/2");
    const auto r = without_terminal({"apply", "-y"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "retrying in")) << r.err;  // the run did wait
    EXPECT_FALSE(contains(r.err, "\r")) << r.err;
    EXPECT_FALSE(contains(r.err, "\x1b")) << r.err;
    EXPECT_FALSE(contains(r.err, "reading live state") || contains(r.err, "applying changes"))
        << r.err;
    EXPECT_FALSE(contains(r.out, "reading live state") || contains(r.out, "applying changes"))
        << r.out;
}

TEST_F(ProgressE2e, WithoutATerminalARunOverTenSecondsPrintsAPlainLine) {
    // 2 requests per 6 s: the read waits about 6 s, the two creates about 6 more.
    start_emulator("2/6", 2);
    const auto r = without_terminal({"apply", "-y"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_FALSE(contains(r.err, "\r")) << r.err;
    EXPECT_FALSE(contains(r.err, "\x1b")) << r.err;
    std::vector<std::string> progress;
    std::istringstream lines(r.err);
    for (std::string line; std::getline(lines, line);)
        if (is_progress_line(line)) progress.push_back(line);
    // At most one per 10 s of a run of 10 to 20 s.
    ASSERT_EQ(progress.size(), 1u) << r.err;
    EXPECT_TRUE(progress[0].starts_with("applying changes: dev ")) << progress[0];
    EXPECT_TRUE(contains(progress[0], "waiting for the rate limit (resumes in ")) << progress[0];
    EXPECT_FALSE(contains(r.out, "applying changes")) << r.out;
}

TEST_F(ProgressE2e, QuietShowsNoProgressOnATerminal) {
    start_emulator("3/2");
    const auto r = on_terminal({"-q", "apply", "-y"});
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_FALSE(contains(r.output, "\r\x1b[K")) << r.output;
    EXPECT_FALSE(contains(r.output, "reading live state")) << r.output;
    EXPECT_FALSE(contains(r.output, "applying changes")) << r.output;
    EXPECT_FALSE(contains(r.output, "waiting for the rate limit")) << r.output;
    EXPECT_EQ(r.out, "");
}

}  // namespace
}  // namespace descope_mgmt::progress_e2e
