#pragma once
// Starts the real descope-emulator binary (DM_EMULATOR_BINARY) for an end-to-end test and stops
// it when the object goes away. Usage:
//
//   auto emu = test::EmulatorProcess::start({"--project", "P2test:K2secret:Test"});
//   ASSERT_TRUE(emu) << emu.error().message;
//   // talk to emu->base_url(), e.g. DESCOPE_BASE_URL for descope-mgmt
//
// The emulator runs on 127.0.0.1 with --port 0 (a free port) unless the arguments say otherwise;
// its stdout and stderr go to files in a private temporary folder, so it never blocks on a full
// pipe.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"
#include "util/result.hpp"

namespace descope_mgmt::test {

class EmulatorProcess {
  public:
    struct Options {
        /// Path of the binary; defaults to DM_EMULATOR_BINARY.
        std::filesystem::path binary;
        /// Environment changes for the emulator process (only `env` and `unset_env` are used).
        ProcessOptions process;
        /// How long to wait for the `listening on http://HOST:PORT` line.
        std::chrono::milliseconds startup_timeout{10'000};
    };

    /// Starts descope-emulator with `args` (plus `--port 0` when no --port is given) and waits
    /// until it prints its `listening on` line. The error carries the emulator's stderr.
    static util::Result<std::unique_ptr<EmulatorProcess>> start(
        const std::vector<std::string>& args);
    static util::Result<std::unique_ptr<EmulatorProcess>> start(
        const std::vector<std::string>& args, const Options& options);

    /// Stops the emulator (see stop()) and removes the temporary folder.
    ~EmulatorProcess();
    EmulatorProcess(const EmulatorProcess&) = delete;
    EmulatorProcess& operator=(const EmulatorProcess&) = delete;

    /// "http://127.0.0.1:PORT", exactly as the emulator printed it.
    const std::string& base_url() const { return m_base_url; }
    const std::string& host() const { return m_host; }
    int port() const { return m_port; }
    pid_t pid() const { return m_pid; }

    /// Sends SIGTERM and waits up to `timeout` (then SIGKILL). Returns the exit status as in
    /// ProcessResult (0 = clean shutdown; 128 + N = killed by signal N). Idempotent.
    int stop(std::chrono::milliseconds timeout = std::chrono::milliseconds{10'000});
    /// Sends `signal` without waiting (e.g. SIGINT for a shutdown test; then call stop() or
    /// wait()).
    void send_signal(int signal) const;
    /// Waits for the process to exit by itself, up to `timeout`; the exit status, or -1 on timeout.
    int wait(std::chrono::milliseconds timeout);
    bool running() const { return m_exit_code == kRunning; }

    /// What the emulator wrote so far.
    std::string stdout_text() const;
    std::string stderr_text() const;

  private:
    EmulatorProcess() = default;
    static constexpr int kRunning = -1000;

    pid_t m_pid = -1;
    int m_exit_code = kRunning;
    std::filesystem::path m_dir;
    std::string m_base_url;
    std::string m_host;
    int m_port = 0;
};

/// EmulatorProcess::start for a test: on failure it records a gtest failure carrying the
/// emulator's stderr and returns nullptr (callers then `ASSERT_TRUE(emu)`).
std::unique_ptr<EmulatorProcess> start_emulator(const std::vector<std::string>& args);

}  // namespace descope_mgmt::test
