#include "cli/progress_display.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

#include "cli/context.hpp"

namespace descope_mgmt::cli {

namespace {

/// Back to the start of the line, and erase it to its end.
constexpr std::string_view kEraseProgressLine = "\r\033[K";
constexpr std::size_t kDefaultTerminalColumns = 80;

void put_text(std::FILE* f, std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), f);
}

/// The first `max` bytes of `text` at most, never cutting a UTF-8 character.
std::string fit_width(std::string text, std::size_t max) {
    if (text.size() <= max) return text;
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    text.resize(cut);
    return text;
}

}  // namespace

ProgressMode progress_mode_for(std::FILE* err, bool quiet) {
    if (quiet || err == nullptr) return ProgressMode::off;
    const int fd = ::fileno(err);
    if (fd < 0 || ::isatty(fd) != 1) return ProgressMode::plain;
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::string_view(term) == "dumb") return ProgressMode::plain;
    return ProgressMode::live;
}

ProgressDisplay::ProgressDisplay(std::FILE* err, ProgressMode mode, util::Clock& clock, bool ticker,
                                 std::size_t width, ProgressTiming timing)
    : m_err(err)
    , m_mode(mode)
    , m_clock(clock)
    , m_use_ticker(ticker)
    , m_width(width)
    , m_timing(timing)
    , m_run_start(clock.now())
    , m_progress(clock) {}

ProgressDisplay::~ProgressDisplay() {
    end_phase();
}

std::size_t ProgressDisplay::columns() const {
    if (m_width > 0) return m_width;
    struct winsize size {};
    if (::ioctl(::fileno(m_err), TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return kDefaultTerminalColumns;
}

bool ProgressDisplay::begin_phase() {
    if (m_mode == ProgressMode::off) return false;
    std::lock_guard lock(m_mutex);
    if (m_showing) return false;
    m_showing = true;
    m_phase_start = m_clock.now();
    m_last_draw.reset();
    return true;
}

ProgressPhase ProgressDisplay::show_reads(const std::vector<std::string>& environments) {
    if (!begin_phase()) return {};
    m_progress.begin_reads(environments);
    if (m_use_ticker)
        m_ticker = std::make_unique<util::Ticker>(m_timing.redraw, [this] { tick(); });
    return ProgressPhase(this);
}

ProgressPhase ProgressDisplay::show_changes(
    const std::vector<render::RunProgress::Changes>& environments, bool one_at_a_time) {
    if (!begin_phase()) return {};
    m_progress.begin_apply(environments, one_at_a_time);
    if (m_use_ticker)
        m_ticker = std::make_unique<util::Ticker>(m_timing.redraw, [this] { tick(); });
    return ProgressPhase(this);
}

void ProgressDisplay::end_phase() {
    m_ticker.reset();  // no tick after this
    std::lock_guard lock(m_mutex);
    if (!m_showing) return;
    m_showing = false;
    m_progress.end_phase();
    if (!m_drawn.empty()) {
        put_text(m_err, kEraseProgressLine);
        std::fflush(m_err);
        m_drawn.clear();
    }
}

void ProgressDisplay::print(std::string_view text) {
    std::lock_guard lock(m_mutex);
    if (m_drawn.empty()) {
        put_text(m_err, text);
    } else {
        put_text(m_err, kEraseProgressLine);
        put_text(m_err, text);
        // Below what was printed, the line again (as it was: its content changes only on ticks).
        if (!text.empty() && text.back() == '\n')
            put_text(m_err, m_drawn);
        else
            m_drawn.clear();  // a line left open: the next tick draws over it
    }
    std::fflush(m_err);
}

void ProgressDisplay::tick() {
    std::lock_guard lock(m_mutex);
    if (!m_showing) return;
    draw_locked(m_clock.now());
}

void ProgressDisplay::draw_locked(util::Clock::time_point now) {
    if (m_mode == ProgressMode::live) {
        // A phase over within one redraw never flashes a line.
        if (now - m_phase_start < m_timing.redraw) return;
        // Ticks come every `redraw`; a little slack keeps an early one from skipping a turn.
        if (m_last_draw && now - *m_last_draw < m_timing.redraw * 9 / 10) return;
        m_last_draw = now;
        const std::size_t width = columns();
        const std::size_t room = width > 1 ? width - 1 : 1;  // the cursor's column too
        std::string text = fit_width(m_progress.line(room), room);
        if (text.empty() || text == m_drawn) return;
        put_text(m_err, "\r");
        put_text(m_err, text);
        put_text(m_err, "\033[K");
        std::fflush(m_err);
        m_drawn = std::move(text);
        return;
    }
    // plain: nothing for a short run; then a line at most every `plain_every`.
    if (now - m_run_start < m_timing.plain_every) return;
    if (m_last_plain && now - *m_last_plain < m_timing.plain_every) return;
    const std::string text = m_progress.line();
    if (text.empty()) return;
    m_last_plain = now;
    put_text(m_err, text);
    put_text(m_err, "\n");
    std::fflush(m_err);
}

ProgressPhase::ProgressPhase(ProgressPhase&& other) noexcept : m_display(other.m_display) {
    other.m_display = nullptr;
}

ProgressPhase& ProgressPhase::operator=(ProgressPhase&& other) noexcept {
    if (this != &other) {
        end();
        m_display = other.m_display;
        other.m_display = nullptr;
    }
    return *this;
}

void ProgressPhase::end() {
    if (m_display == nullptr) return;
    m_display->end_phase();
    m_display = nullptr;
}

ProgressPhase show_reads(const Context& ctx, const std::vector<std::string>& environments) {
    return ctx.progress ? ctx.progress->show_reads(environments) : ProgressPhase{};
}

ProgressPhase show_changes(const Context& ctx,
                           const std::vector<render::RunProgress::Changes>& environments,
                           bool one_at_a_time) {
    return ctx.progress ? ctx.progress->show_changes(environments, one_at_a_time) : ProgressPhase{};
}

}  // namespace descope_mgmt::cli
