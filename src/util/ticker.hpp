#pragma once
// A periodic call on a thread of its own: what keeps the progress line's countdown moving while
// every worker waits (cli/progress_display.*).

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace descope_mgmt::util {

class Ticker {
  public:
    /// Calls `tick` every `period` (real time), the first time one period from now, until stop()
    /// or destruction.
    Ticker(std::chrono::milliseconds period, std::function<void()> tick);
    ~Ticker() { stop(); }
    Ticker(const Ticker&) = delete;
    Ticker& operator=(const Ticker&) = delete;

    /// No tick after this returns (a tick under way is waited for). Must not be called from
    /// `tick` itself.
    void stop();

  private:
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::thread m_thread;
};

}  // namespace descope_mgmt::util
