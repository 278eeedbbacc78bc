#pragma once
// A flag that asks running work to stop (Ctrl-C). cancel() is async-signal-safe (a lock-free
// atomic store), so the CLI's SIGINT handler may call it directly. Work that sees the flag
// finishes what is in flight and starts nothing new.

#include <atomic>

namespace descope_mgmt::api {

class CancellationToken {
  public:
    /// Requests cancellation; safe from a signal handler.
    void cancel() noexcept { m_cancelled.store(true, std::memory_order_relaxed); }
    bool cancelled() const noexcept { return m_cancelled.load(std::memory_order_relaxed); }
    /// Clears the flag (tests, or a long-lived process between runs).
    void reset() noexcept { m_cancelled.store(false, std::memory_order_relaxed); }

  private:
    static_assert(std::atomic<bool>::is_always_lock_free);
    std::atomic<bool> m_cancelled{false};
};

/// True when `token` is set and cancelled (a null token never cancels).
inline bool is_cancelled(const CancellationToken* token) {
    return token != nullptr && token->cancelled();
}

}  // namespace descope_mgmt::api
