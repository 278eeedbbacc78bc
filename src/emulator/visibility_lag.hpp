#pragma once
// --visibility-lag-ms (R7): Descope's writes are not immediately visible. The Ruby SDK's live
// tests poll up to 5 s for a new tenant before creating its role, and the .NET tests retry reads,
// so for `lag` after an object is created, reads leave it out and writes that name it answer
// "not found". The tables ask this object; it keeps only the objects still hidden.
// Not thread-safe (the server serialises access to a project).

#include <chrono>
#include <map>
#include <string>

#include "util/clock.hpp"

namespace descope_mgmt::emulator {

class VisibilityLag {
  public:
    /// No lag: everything is visible at once.
    VisibilityLag() = default;
    /// Objects created now become visible at clock.now() + lag. `clock` must outlive this.
    VisibilityLag(util::Clock& clock, std::chrono::milliseconds lag)
        : m_clock(&clock), m_lag(lag) {}

    /// `key` was just created: hide it for the lag.
    void created(const std::string& key);
    /// Whether `key` may be shown (true for anything not created within the lag).
    bool visible(const std::string& key) const;
    /// The object was renamed: a hidden `from` stays hidden, as `to`.
    void renamed(const std::string& from, const std::string& to);
    /// The object was deleted.
    void forget(const std::string& key) { m_hidden.erase(key); }

    // The keys the tables use, so that two kinds of object never share one.
    static std::string tenant(const std::string& id) { return "tenant\n" + id; }
    static std::string role(const std::string& id) { return "role\n" + id; }
    static std::string permission(const std::string& name) { return "permission\n" + name; }

  private:
    util::Clock* m_clock = nullptr;
    std::chrono::milliseconds m_lag{0};
    mutable std::map<std::string, util::Clock::time_point> m_hidden;  // key -> visible from
};

}  // namespace descope_mgmt::emulator
