// The progress line on stderr (cli::ProgressDisplay) on a FakeClock, ticked by hand: the live
// line redrawn in place and throttled, lines printed above it, erased at the end, cut to the
// terminal's width; without a terminal a plain line at most every 10 s and none for a short run;
// nothing at -q.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "cli/progress_display.hpp"
#include "support/fake_clock.hpp"

namespace descope_mgmt::progress_display_test {
namespace {

using namespace std::chrono_literals;
using cli::ProgressMode;

class ProgressDisplayTest : public ::testing::Test {
  protected:
    ProgressDisplayTest() : m_file(::open_memstream(&m_buffer, &m_size)) {}
    ~ProgressDisplayTest() override {
        std::fclose(m_file);
        std::free(m_buffer);
    }

    /// A display writing to the captured stream, ticked by hand, `width` columns wide.
    std::unique_ptr<cli::ProgressDisplay> display(ProgressMode mode, std::size_t width = 200) {
        return std::make_unique<cli::ProgressDisplay>(m_file, mode, clock, false, width);
    }
    /// Everything written so far.
    std::string written() {
        std::fflush(m_file);
        return std::string(m_buffer, m_size);
    }
    /// Moves the clock by `step` and ticks, `times` times.
    void tick(cli::ProgressDisplay& d, std::chrono::milliseconds step, int times = 1) {
        for (int i = 0; i < times; ++i) {
            clock.advance(step);
            d.tick();
        }
    }

    test::FakeClock clock;

  private:
    char* m_buffer = nullptr;
    std::size_t m_size = 0;
    std::FILE* m_file;
};

const std::vector<render::RunProgress::Changes> kForty = {{"dev", 40, 40}};

TEST_F(ProgressDisplayTest, LiveDrawsTheLineInPlace) {
    auto d = display(ProgressMode::live);
    auto phase = d->show_changes(kForty, true);
    ASSERT_NE(phase.progress(), nullptr);
    tick(*d, 250ms);
    EXPECT_EQ(written(), "\rapplying changes: dev 0/40\033[K");
    phase.progress()->change_done("dev", 1, render::RunProgress::Outcome::succeeded);
    tick(*d, 250ms);
    EXPECT_EQ(written(), "\rapplying changes: dev 0/40\033[K\rapplying changes: dev 1/40\033[K");
}

TEST_F(ProgressDisplayTest, LiveNeverFlashesAPhaseShorterThanARedraw) {
    auto d = display(ProgressMode::live);
    {
        auto phase = d->show_reads({"dev"});
        tick(*d, 100ms, 2);
    }
    EXPECT_EQ(written(), "");
}

TEST_F(ProgressDisplayTest, LiveRedrawsAtMostAboutFourTimesASecond) {
    auto d = display(ProgressMode::live);
    auto phase = d->show_changes(kForty, true);
    std::vector<double> draws;  // seconds since the start
    std::size_t seen = 0;
    for (int i = 0; i < 200; ++i) {  // 2 s, a tick and a new state every 10 ms
        phase.progress()->change_done("dev", 0, render::RunProgress::Outcome::succeeded);
        tick(*d, 10ms);
        if (written().size() != seen) {
            seen = written().size();
            draws.push_back(clock.seconds_since_start());
        }
    }
    ASSERT_GE(draws.size(), 7u);
    EXPECT_LE(draws.size(), 8u);
    for (std::size_t i = 1; i < draws.size(); ++i)
        EXPECT_GE(draws[i] - draws[i - 1], 0.225 - 1e-9);
}

TEST_F(ProgressDisplayTest, ALinePrintedMeanwhileGoesAboveTheLiveLine) {
    auto d = display(ProgressMode::live);
    auto phase = d->show_changes(kForty, true);
    tick(*d, 250ms);
    const std::string before = written();
    d->print("dev: + tenant acme: created (12 ms)\n");
    EXPECT_EQ(written().substr(before.size()),
              "\r\033[Kdev: + tenant acme: created (12 ms)\napplying changes: dev 0/40");
}

TEST_F(ProgressDisplayTest, LiveLineIsErasedWhenThePhaseEnds) {
    auto d = display(ProgressMode::live);
    auto phase = d->show_changes(kForty, true);
    tick(*d, 250ms);
    const std::size_t drawn = written().size();
    phase.end();
    EXPECT_EQ(written().substr(drawn), "\r\033[K");
    EXPECT_EQ(phase.progress(), nullptr);
    d->print("report\n");  // no line to go above any more
    EXPECT_EQ(written().substr(drawn), "\r\033[Kreport\n");
}

TEST_F(ProgressDisplayTest, LiveLineIsCutToTheTerminalWidth) {
    auto d = display(ProgressMode::live, 20);
    auto phase = d->show_changes(kForty, true);
    tick(*d, 250ms);
    // 19 columns (the cursor needs the 20th): the short form fits.
    EXPECT_EQ(written(), "\rapplying: dev 0/40\033[K");
}

TEST_F(ProgressDisplayTest, LiveLineIsCutWhenNoFormFits) {
    auto d = display(ProgressMode::live, 12);
    auto phase = d->show_changes(kForty, true);
    tick(*d, 250ms);
    EXPECT_EQ(written(), "\rapplying: d\033[K");
}

TEST_F(ProgressDisplayTest, PlainPrintsNothingForARunUnderTenSeconds) {
    auto d = display(ProgressMode::plain);
    {
        auto phase = d->show_reads({"dev"});
        tick(*d, 250ms, 20);
    }
    {
        auto phase = d->show_changes(kForty, true);
        tick(*d, 250ms, 19);  // 9.75 s in all
    }
    EXPECT_EQ(written(), "");
}

TEST_F(ProgressDisplayTest, PlainPrintsOneLineAtMostEveryTenSeconds) {
    auto d = display(ProgressMode::plain);
    auto phase = d->show_changes(kForty, true);
    for (int i = 0; i < 140; ++i) {  // 35 s
        if (i % 4 == 0)
            phase.progress()->change_done("dev", 1, render::RunProgress::Outcome::succeeded);
        tick(*d, 250ms);
    }
    phase.end();
    EXPECT_EQ(written(),
              "applying changes: dev 10/40\n"
              "applying changes: dev 20/40\n"
              "applying changes: dev 30/40\n");
}

TEST_F(ProgressDisplayTest, PlainCountsTheTenSecondsFromTheStartOfTheRun) {
    auto d = display(ProgressMode::plain);
    clock.advance(12s);  // reads, a plan, a question...
    auto phase = d->show_changes(kForty, true);
    tick(*d, 250ms);
    EXPECT_EQ(written(), "applying changes: dev 0/40\n");
    d->print("dev: + tenant acme: created (12 ms)\n");  // plain: lines as they come
    EXPECT_EQ(written(), "applying changes: dev 0/40\ndev: + tenant acme: created (12 ms)\n");
}

TEST_F(ProgressDisplayTest, QuietShowsNothing) {
    auto d = display(ProgressMode::off);
    auto phase = d->show_changes(kForty, true);
    EXPECT_EQ(phase.progress(), nullptr);
    clock.advance(60s);
    d->tick();
    d->print("descope-mgmt: error: x\n");
    EXPECT_EQ(written(), "descope-mgmt: error: x\n");
}

TEST_F(ProgressDisplayTest, APhaseWithinAPhaseIsNotShown) {
    auto d = display(ProgressMode::live);
    auto apply = d->show_changes(kForty, true);
    {
        auto backup_reads = d->show_reads({"dev"});
        EXPECT_EQ(backup_reads.progress(), nullptr);
    }
    tick(*d, 250ms);
    EXPECT_EQ(written(), "\rapplying changes: dev 0/40\033[K");
}

TEST(ProgressMode, QuietIsOffAndAFileIsPlain) {
    std::FILE* f = std::tmpfile();
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(cli::progress_mode_for(f, true), ProgressMode::off);
    EXPECT_EQ(cli::progress_mode_for(f, false), ProgressMode::plain);
    std::fclose(f);
}

}  // namespace
}  // namespace descope_mgmt::progress_display_test
