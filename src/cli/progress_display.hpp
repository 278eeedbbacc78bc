#pragma once
// The progress line on stderr (docs/cli.md, "Progress"): how a run's render::RunProgress is
// shown, and the way every other stderr line goes while it is. The terminal's escape codes live
// here and nowhere else; what the line says is the model's business.
//
// * live (stderr is a terminal): one line, redrawn in place ("\r", the text, erase to the end
//   of the line), its content refreshed at most every 250 ms, cut to the terminal's width,
//   erased when the phase ends. A line printed meanwhile (print()) erases it, appears, and the
//   line is drawn again below it.
// * plain (no terminal): the same text as an ordinary line, at most every 10 s, and none before
//   the run is 10 s old, so a short run prints exactly what it printed before.
// * off (-q): nothing.

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/run_progress.hpp"
#include "util/clock.hpp"
#include "util/ticker.hpp"

namespace descope_mgmt::cli {

struct Context;

enum class ProgressMode { off, live, plain };

/// live when `err` is a terminal (and TERM is not "dumb": it cannot erase a line), plain
/// otherwise, off with `quiet`.
ProgressMode progress_mode_for(std::FILE* err, bool quiet);

struct ProgressTiming {
    /// live: the line's content changes at most this often (and the ticker ticks this often).
    std::chrono::milliseconds redraw{250};
    /// plain: at most one line per this long, the first once the run is this old.
    std::chrono::milliseconds plain_every{10'000};
};

class ProgressPhase;

class ProgressDisplay {
  public:
    /// `clock` is not owned; the run starts now. `ticker`: a thread calls tick() every
    /// `timing.redraw` while a phase is shown (tests pass false and tick by hand). `width`: the
    /// terminal's columns; 0 = ask the terminal at each draw (80 when it does not say).
    ProgressDisplay(std::FILE* err, ProgressMode mode, util::Clock& clock, bool ticker = true,
                    std::size_t width = 0, ProgressTiming timing = {});
    ~ProgressDisplay();
    ProgressDisplay(const ProgressDisplay&) = delete;
    ProgressDisplay& operator=(const ProgressDisplay&) = delete;

    ProgressMode mode() const { return m_mode; }
    /// The model, fed by the clients for the whole run (RunProgress::on_api).
    render::RunProgress& progress() { return m_progress; }

    /// Shows the reading of `environments` until the phase object goes. An inactive phase (no
    /// model, nothing shown) when another phase is being shown (an automatic backup's reads
    /// during an apply) or the mode is off.
    ProgressPhase show_reads(const std::vector<std::string>& environments);
    /// Shows the changes (render::RunProgress::begin_apply) until the phase object goes.
    ProgressPhase show_changes(const std::vector<render::RunProgress::Changes>& environments,
                               bool one_at_a_time);

    /// Writes `text` (whole lines) to stderr, above the live line when one is drawn.
    void print(std::string_view text);
    /// Draws the live line again, or prints the plain one, when it is due.
    void tick();

  private:
    friend class ProgressPhase;
    bool begin_phase();
    void end_phase();
    void draw_locked(util::Clock::time_point now);
    std::size_t columns() const;

    std::FILE* m_err;
    const ProgressMode m_mode;
    util::Clock& m_clock;
    const bool m_use_ticker;
    const std::size_t m_width;
    const ProgressTiming m_timing;
    const util::Clock::time_point m_run_start;
    render::RunProgress m_progress;

    std::mutex m_mutex;  // the output, and the state below
    bool m_showing = false;
    util::Clock::time_point m_phase_start{};
    std::string m_drawn;  // the live line on screen now; empty = none
    std::optional<util::Clock::time_point> m_last_draw;
    std::optional<util::Clock::time_point> m_last_plain;

    std::unique_ptr<util::Ticker> m_ticker;  // while a phase is shown
};

/// One phase of a run on the progress line, from its making to its end (or destruction). An
/// inactive one shows nothing and has no model.
class ProgressPhase {
  public:
    ProgressPhase() = default;
    ProgressPhase(ProgressPhase&& other) noexcept;
    ProgressPhase& operator=(ProgressPhase&& other) noexcept;
    ~ProgressPhase() { end(); }

    /// The model to feed, or nullptr for an inactive phase.
    render::RunProgress* progress() const {
        return m_display != nullptr ? &m_display->m_progress : nullptr;
    }
    /// Erases the live line (before the result is printed); later calls do nothing.
    void end();

  private:
    friend class ProgressDisplay;
    explicit ProgressPhase(ProgressDisplay* display) : m_display(display) {}
    ProgressDisplay* m_display = nullptr;
};

/// ctx.progress->show_reads(), or an inactive phase when the context has no display.
ProgressPhase show_reads(const Context& ctx, const std::vector<std::string>& environments);
/// ctx.progress->show_changes(), or an inactive phase when the context has no display.
ProgressPhase show_changes(const Context& ctx,
                           const std::vector<render::RunProgress::Changes>& environments,
                           bool one_at_a_time);

}  // namespace descope_mgmt::cli
