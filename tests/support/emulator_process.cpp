#include "support/emulator_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "support/files.hpp"
#include "support/process.hpp"

namespace descope_mgmt::test {

util::Result<std::unique_ptr<EmulatorProcess>> EmulatorProcess::start(
    const std::vector<std::string>& args) {
    return start(args, Options{});
}

util::Result<std::unique_ptr<EmulatorProcess>> EmulatorProcess::start(
    const std::vector<std::string>& args, const Options& options) {
    std::unique_ptr<EmulatorProcess> emu(new EmulatorProcess());
    std::string dir_template =
        (std::filesystem::temp_directory_path() / "dm-emulator-XXXXXX").string();
    if (::mkdtemp(dir_template.data()) == nullptr) {
        return util::error(std::string("EmulatorProcess: mkdtemp: ") + std::strerror(errno));
    }
    emu->m_dir = dir_template;
    const auto out_path = emu->m_dir / "stdout";
    const auto err_path = emu->m_dir / "stderr";

    std::vector<std::string> argv{options.binary.empty() ? std::string(DM_EMULATOR_BINARY)
                                                         : options.binary.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    if (std::find(args.begin(), args.end(), "--port") == args.end()) {
        argv.insert(argv.end(), {"--port", "0"});
    }
    std::vector<std::string> env = child_environment(options.process);
    auto c_args = c_strings(argv);
    auto c_env = c_strings(env);

    const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (out_fd < 0 || err_fd < 0 || null_fd < 0) {
        return util::error(std::string("EmulatorProcess: cannot open output files: ") +
                           std::strerror(errno));
    }
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(null_fd, 0);
        ::dup2(out_fd, 1);
        ::dup2(err_fd, 2);
        ::execve(c_args[0], c_args.data(), c_env.data());
        const char msg[] = "EmulatorProcess: exec failed\n";
        (void)!::write(2, msg, sizeof msg - 1);
        _exit(127);
    }
    ::close(out_fd);
    ::close(err_fd);
    ::close(null_fd);
    if (pid < 0) return util::error(std::string("EmulatorProcess: fork: ") + std::strerror(errno));
    emu->m_pid = pid;

    // Poll the stdout file for the one line the emulator prints once it accepts connections.
    const std::string prefix = "listening on ";
    const auto deadline = std::chrono::steady_clock::now() + options.startup_timeout;
    while (true) {
        const std::string out = read_text(out_path);
        const auto newline = out.find('\n');
        if (newline != std::string::npos) {
            const std::string line = out.substr(0, newline);
            if (line.rfind(prefix, 0) != 0) {
                return util::error("EmulatorProcess: unexpected first line: " + line);
            }
            emu->m_base_url = line.substr(prefix.size());
            const std::string host_port = emu->m_base_url.substr(emu->m_base_url.find("//") + 2);
            const auto colon = host_port.rfind(':');
            emu->m_host = host_port.substr(0, colon);
            emu->m_port = std::atoi(host_port.c_str() + colon + 1);
            return emu;
        }
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            emu->m_exit_code = exit_code_of(status);
            return util::error("EmulatorProcess: descope-emulator exited with status " +
                               std::to_string(emu->m_exit_code) +
                               " before listening: " + read_text(err_path));
        }
        if (std::chrono::steady_clock::now() > deadline) {
            return util::error(
                "EmulatorProcess: no 'listening on' line within the timeout; stderr: " +
                read_text(err_path));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

EmulatorProcess::~EmulatorProcess() {
    stop();
    if (!m_dir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(m_dir, ignored);
    }
}

void EmulatorProcess::send_signal(int signal) const {
    if (m_pid > 0 && m_exit_code == kRunning) ::kill(m_pid, signal);
}

int EmulatorProcess::wait(std::chrono::milliseconds timeout) {
    if (m_pid <= 0 || m_exit_code != kRunning) return m_pid <= 0 ? -1 : m_exit_code;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        int status = 0;
        const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid) {
            m_exit_code = exit_code_of(status);
            return m_exit_code;
        }
        if (r < 0 && errno != EINTR) return -1;
        if (std::chrono::steady_clock::now() > deadline) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

int EmulatorProcess::stop(std::chrono::milliseconds timeout) {
    if (m_pid <= 0) return -1;
    if (m_exit_code != kRunning) return m_exit_code;
    ::kill(m_pid, SIGTERM);
    if (wait(timeout) != -1) return m_exit_code;
    ::kill(m_pid, SIGKILL);
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_exit_code = exit_code_of(status);
    return m_exit_code;
}

std::string EmulatorProcess::stdout_text() const {
    return read_text(m_dir / "stdout");
}
std::string EmulatorProcess::stderr_text() const {
    return read_text(m_dir / "stderr");
}

}  // namespace descope_mgmt::test
