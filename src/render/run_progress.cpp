#include "render/run_progress.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "util/strings.hpp"
#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

namespace {

/// A bucket that held a request back this recently still counts as holding the run back: the
/// text stays put instead of blinking with every request of a run paced by its bucket.
constexpr std::chrono::milliseconds kHeldRecently{1000};
/// The pace seen so far is trusted for the ETA once the phase is this old.
constexpr std::chrono::seconds kPaceAfter{3};
/// Beyond this many requests, the ETA extrapolates at the bucket's rate instead of simulating.
constexpr std::size_t kSimulated = 100'000;

std::chrono::seconds round_up_seconds(util::Clock::duration d) {
    if (d <= util::Clock::duration::zero()) return std::chrono::seconds(0);
    const auto s = std::chrono::duration_cast<std::chrono::seconds>(d);
    return s < d ? s + std::chrono::seconds(1) : s;
}

}  // namespace

std::string duration_words(std::chrono::seconds d) {
    const auto s = std::max<long long>(0, d.count());
    if (s < 60) return fmt::format("{} s", s);
    if (s < 3600) {
        if (s % 60 == 0) return fmt::format("{} min", s / 60);
        return fmt::format("{} min {} s", s / 60, s % 60);
    }
    return fmt::format("{} h {} min", s / 3600, (s % 3600) / 60);
}

RunProgress::RunProgress(const util::Clock& clock) : m_clock(clock) {}

RunProgress::Environment* RunProgress::find(const std::string& name) {
    for (Environment& e : m_environments)
        if (e.name == name) return &e;
    return nullptr;
}

const RunProgress::Bucket* RunProgress::bucket_of(const std::string& environment) const {
    const auto it = m_bucket_of.find(environment);
    if (it == m_bucket_of.end()) return nullptr;
    const auto b = m_buckets.find(it->second);
    return b == m_buckets.end() ? nullptr : &b->second;
}

void RunProgress::begin_reads(const std::vector<std::string>& environments) {
    std::lock_guard lock(m_mutex);
    m_phase = Phase::reads;
    m_one_at_a_time = false;  // every environment is read at the same time
    m_environments.clear();
    for (const std::string& name : environments) {
        Environment e;
        e.name = name;
        e.last_round = false;
        m_environments.push_back(std::move(e));
    }
    m_phase_start = m_clock.now();
    m_sent_in_phase = 0;
    m_retries = 0;
}

void RunProgress::reads_planned(const std::string& environment, std::size_t count,
                                bool last_round) {
    std::lock_guard lock(m_mutex);
    if (Environment* e = find(environment)) {
        e->total += count;
        e->requests_left += count;
        e->last_round = e->last_round || last_round;
    }
}

void RunProgress::read_done(const std::string& environment) {
    std::lock_guard lock(m_mutex);
    if (Environment* e = find(environment)) {
        ++e->done;
        if (e->requests_left > 0) --e->requests_left;
    }
}

void RunProgress::begin_apply(const std::vector<Changes>& environments, bool one_at_a_time) {
    std::lock_guard lock(m_mutex);
    m_phase = Phase::changes;
    m_one_at_a_time = one_at_a_time;
    m_environments.clear();
    for (const Changes& c : environments) {
        Environment e;
        e.name = c.environment;
        e.total = c.changes;
        e.requests_left = c.requests;
        m_environments.push_back(std::move(e));
    }
    m_phase_start = m_clock.now();
    m_sent_in_phase = 0;
    m_retries = 0;
}

void RunProgress::change_done(const std::string& environment, std::size_t requests,
                              Outcome outcome) {
    std::lock_guard lock(m_mutex);
    Environment* e = find(environment);
    if (e == nullptr) return;
    ++e->done;
    e->requests_left -= std::min(requests, e->requests_left);
    if (outcome == Outcome::failed) ++e->failed;
    if (outcome == Outcome::skipped) ++e->skipped;
}

void RunProgress::end_phase() {
    std::lock_guard lock(m_mutex);
    m_phase = Phase::none;
    m_environments.clear();
}

bool RunProgress::active() const {
    std::lock_guard lock(m_mutex);
    return m_phase != Phase::none;
}

void RunProgress::on_api(const api::ApiActivity& a) {
    std::lock_guard lock(m_mutex);
    const time_point now = m_clock.now();
    Bucket& b = m_buckets[a.bucket];
    b.limit = model::RateLimit{std::max(1, a.limit.requests), std::max(1, a.limit.per_seconds)};
    if (!a.environment.empty()) m_bucket_of[std::string(a.environment)] = a.bucket;
    switch (a.kind) {
        case api::ApiActivity::Kind::waiting:
            ++b.waiting;
            b.wait_until = a.until;
            b.last_held = now;
            break;
        case api::ApiActivity::Kind::waited:
            if (b.waiting > 0) --b.waiting;
            b.last_held = now;
            break;
        case api::ApiActivity::Kind::sent: {
            b.sent.push_back(now);
            const auto window = std::chrono::seconds(b.limit.per_seconds);
            while (!b.sent.empty() && (b.sent.front() + window <= now ||
                                       b.sent.size() > static_cast<std::size_t>(b.limit.requests)))
                b.sent.pop_front();
            if (m_phase != Phase::none) ++m_sent_in_phase;
            break;
        }
        case api::ApiActivity::Kind::retry:
            if (m_phase != Phase::none) ++m_retries;
            if (a.pauses_bucket && a.until && (!b.paused_until || *a.until > *b.paused_until))
                b.paused_until = a.until;
            break;
    }
}

std::size_t RunProgress::held(const Bucket& b, time_point now) {
    const auto window = std::chrono::duration_cast<util::Clock::duration>(
        std::chrono::seconds(b.limit.per_seconds));
    std::size_t n = 0;
    for (const time_point t : b.sent)
        if (t + window > now) ++n;
    return std::min(n, static_cast<std::size_t>(b.limit.requests));
}

bool RunProgress::window_full(const Bucket& b, time_point now) {
    return held(b, now) >= static_cast<std::size_t>(b.limit.requests);
}

RunProgress::time_point RunProgress::grant_time(const Bucket& b, std::size_t calls,
                                                time_point now) {
    // The bucket grants at most `requests` in any window of `per_seconds`: a slot is free now or
    // when a request of the last window leaves it; each grant takes a slot for one more window.
    const auto n = static_cast<std::size_t>(b.limit.requests);
    const auto window = std::chrono::duration_cast<util::Clock::duration>(
        std::chrono::seconds(b.limit.per_seconds));
    std::deque<time_point> slots;  // when each slot is next free, earliest first
    const std::size_t held = RunProgress::held(b, now);
    for (std::size_t i = held; i < n; ++i)
        slots.push_back(now);
    for (auto it = b.sent.end() - static_cast<std::ptrdiff_t>(held); it != b.sent.end(); ++it)
        slots.push_back(*it + window);
    const time_point start = b.paused_until ? std::max(now, *b.paused_until) : now;
    time_point last = start;
    const std::size_t simulated = std::min(calls, kSimulated);
    for (std::size_t k = 0; k < simulated; ++k) {
        last = std::max(start, slots.front());
        slots.pop_front();
        slots.push_back(last + window);
    }
    if (calls > simulated) last += window * static_cast<long long>((calls - simulated) / n);
    return last;
}

std::optional<std::chrono::seconds> RunProgress::eta_locked(time_point now) const {
    if (m_phase == Phase::none) return std::nullopt;
    std::map<const void*, std::size_t> left_per_bucket;
    std::vector<const void*> order;  // buckets in the order of their first environment
    std::size_t left = 0;
    for (const Environment& e : m_environments) {
        if (!e.last_round) return std::nullopt;
        if (e.requests_left == 0) continue;
        const auto it = m_bucket_of.find(e.name);
        if (it == m_bucket_of.end()) return std::nullopt;
        if (!left_per_bucket.count(it->second)) order.push_back(it->second);
        left_per_bucket[it->second] += e.requests_left;
        left += e.requests_left;
    }
    if (left == 0) return std::nullopt;
    util::Clock::duration eta{0};
    for (const void* id : order) {
        const auto d = grant_time(m_buckets.at(id), left_per_bucket[id], now) - now;
        eta = m_one_at_a_time ? eta + d : std::max(eta, d);
    }
    // Slower than the buckets allow (answers that take long): the pace seen so far says more.
    const auto elapsed = now - m_phase_start;
    if (elapsed >= kPaceAfter && m_sent_in_phase > 0) {
        const auto paced = std::chrono::duration_cast<util::Clock::duration>(
            elapsed * static_cast<long long>(left) / static_cast<long long>(m_sent_in_phase));
        eta = std::max(eta, paced);
    }
    return round_up_seconds(eta);
}

std::optional<std::chrono::seconds> RunProgress::eta() const {
    std::lock_guard lock(m_mutex);
    return eta_locked(m_clock.now());
}

std::vector<std::string> RunProgress::wait_clauses(time_point now) const {
    // One clause per bucket that holds back an environment of this phase; the environments are
    // named unless the bucket is every one's (the default: one bucket shared by all).
    std::vector<const void*> order;
    std::map<const void*, std::vector<std::string>> names;
    for (const Environment& e : m_environments) {
        const auto it = m_bucket_of.find(e.name);
        if (it == m_bucket_of.end()) continue;
        if (!names.count(it->second)) order.push_back(it->second);
        names[it->second].push_back(util::terminal_safe(e.name));
    }
    std::vector<std::string> clauses;
    for (const void* id : order) {
        const Bucket& b = m_buckets.at(id);
        const bool paused = b.paused_until && *b.paused_until > now;
        const bool held = b.waiting > 0 || paused;
        if (!held && !(b.last_held && now - *b.last_held < kHeldRecently)) continue;
        std::optional<time_point> resume;
        if (paused) resume = b.paused_until;
        if (b.waiting > 0) {
            const time_point next =
                b.wait_until && *b.wait_until > now ? *b.wait_until : grant_time(b, 1, now);
            resume = resume ? std::max(*resume, next) : next;
        }
        std::string clause;
        if (resume && *resume - now >= std::chrono::seconds(1)) {
            clause = fmt::format("waiting for the rate limit (resumes in {})",
                                 duration_words(round_up_seconds(*resume - now)));
        } else if (paused || !window_full(b, now)) {
            // Short waits after a 429's pause: the server's limit, not this bucket's, set them.
            continue;
        } else {
            clause = fmt::format("paced by the rate limit ({} requests / {} s)", b.limit.requests,
                                 b.limit.per_seconds);
        }
        const std::vector<std::string>& who = names[id];
        if (who.size() < m_environments.size()) clause = util::join(who, ", ") + ": " + clause;
        clauses.push_back(std::move(clause));
    }
    return clauses;
}

std::string RunProgress::line(std::size_t max_width) const {
    std::lock_guard lock(m_mutex);
    if (m_phase == Phase::none) return {};
    const time_point now = m_clock.now();
    std::string per_environment;
    std::size_t done = 0;
    std::size_t total = 0;
    std::size_t failed = 0;
    std::size_t skipped = 0;
    auto not_done = [](std::size_t f, std::size_t s) {
        std::vector<std::string> parts;
        if (f > 0) parts.push_back(fmt::format("{} failed", f));
        if (s > 0) parts.push_back(fmt::format("{} skipped", s));
        return parts.empty() ? std::string() : " (" + util::join(parts, ", ") + ")";
    };
    for (const Environment& e : m_environments) {
        per_environment += fmt::format("{}{} {}/{}{}", per_environment.empty() ? "" : "  ",
                                       util::terminal_safe(e.name), e.done, e.total,
                                       not_done(e.failed, e.skipped));
        done += e.done;
        total += e.total;
        failed += e.failed;
        skipped += e.skipped;
    }
    std::string clauses;
    for (const std::string& c : wait_clauses(now))
        clauses += "; " + c;
    if (m_retries > 0)
        clauses += fmt::format("; {} retr{}", m_retries, m_retries == 1 ? "y" : "ies");
    // Under a second is no news: the requests are as good as sent.
    if (auto eta = eta_locked(now); eta && eta->count() > 0)
        clauses += "; ETA " + duration_words(*eta);

    // The first form that fits: the counts and the clauses matter more than the words.
    const bool reads = m_phase == Phase::reads;
    const std::size_t n = m_environments.size();
    const std::string totals = fmt::format("{}/{} in {} environment{}{}", done, total, n,
                                           n == 1 ? "" : "s", not_done(failed, skipped));
    std::vector<std::string> forms = {
        (reads ? "reading live state: " : "applying changes: ") + per_environment + clauses,
        (reads ? "reading: " : "applying: ") + per_environment + clauses,
    };
    if (n > 1) forms.push_back((reads ? "reading: " : "applying: ") + totals + clauses);
    for (const std::string& form : forms)
        if (form.size() <= max_width) return form;
    // None fits (the display cuts it): the shortest.
    return *std::min_element(forms.begin(), forms.end(),
                             [](const auto& a, const auto& b) { return a.size() < b.size(); });
}

}  // namespace descope_mgmt::render
