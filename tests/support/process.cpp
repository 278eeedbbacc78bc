#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace descope_mgmt::test {

namespace {

void set_nonblocking(int fd) {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}

}  // namespace

int exit_code_of(int status) {
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
    return -1;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

std::vector<std::string> child_environment(const ProcessOptions& options) {
    std::vector<std::string> result;
    for (char** e = options.inherit_env ? environ : nullptr; e != nullptr && *e != nullptr; ++e) {
        const std::string entry(*e);
        const std::string name = entry.substr(0, entry.find('='));
        const bool overridden = options.env.count(name) != 0;
        const bool removed = std::find(options.unset_env.begin(), options.unset_env.end(), name) !=
                             options.unset_env.end();
        if (!overridden && !removed) result.push_back(entry);
    }
    for (const auto& [name, value] : options.env)
        result.push_back(name + "=" + value);
    return result;
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    ProcessResult result;
    if (argv.empty()) {
        result.err = "run_process: empty argv";
        return result;
    }
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0 ||
        ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        result.err = std::string("run_process: pipe: ") + std::strerror(errno);
        return result;
    }
    std::vector<std::string> args = argv;
    std::vector<std::string> env = child_environment(options);
    auto c_args = c_strings(args);
    auto c_env = c_strings(env);

    const pid_t pid = ::fork();
    if (pid < 0) {
        result.err = std::string("run_process: fork: ") + std::strerror(errno);
        return result;
    }
    if (pid == 0) {
        // Child: only async-signal-safe calls from here on.
        ::dup2(in_pipe[0], 0);
        ::dup2(out_pipe[1], 1);
        ::dup2(err_pipe[1], 2);
        if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) _exit(126);
        ::execvpe(c_args[0], c_args.data(), c_env.data());
        const char msg[] = "run_process: exec failed\n";
        (void)!::write(2, msg, sizeof msg - 1);
        _exit(127);
    }
    ::close(in_pipe[0]);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    set_nonblocking(in_pipe[1]);
    set_nonblocking(out_pipe[0]);
    set_nonblocking(err_pipe[0]);

    // A test that writes to a closed stdin must fail with EPIPE, not die of SIGPIPE.
    ::signal(SIGPIPE, SIG_IGN);
    std::size_t stdin_written = 0;
    int in_fd = in_pipe[1];
    if (options.stdin_data.empty()) {
        ::close(in_fd);
        in_fd = -1;
    }
    int out_fd = out_pipe[0], err_fd = err_pipe[0];
    const auto started = std::chrono::steady_clock::now();
    const auto deadline = started + options.timeout;
    bool interrupted = false;
    char buffer[65536];
    while (out_fd >= 0 || err_fd >= 0) {
        if (options.interrupt_after && !interrupted &&
            std::chrono::steady_clock::now() - started >= *options.interrupt_after) {
            ::kill(pid, SIGINT);
            interrupted = true;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            ::kill(pid, SIGKILL);
            result.timed_out = true;
            break;
        }
        pollfd fds[3] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}, {in_fd, POLLOUT, 0}};
        const int n = ::poll(fds, 3, static_cast<int>(std::min<long long>(left.count(), 100)));
        if (n < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; ++i) {
            int& fd = i == 0 ? out_fd : err_fd;
            std::string& sink = i == 0 ? result.out : result.err;
            if (fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
            const ssize_t got = ::read(fd, buffer, sizeof buffer);
            if (got > 0) {
                sink.append(buffer, static_cast<std::size_t>(got));
            } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
                ::close(fd);
                fd = -1;
            }
        }
        if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) != 0) {
            const ssize_t put = ::write(in_fd, options.stdin_data.data() + stdin_written,
                                        options.stdin_data.size() - stdin_written);
            if (put > 0) stdin_written += static_cast<std::size_t>(put);
            if ((put < 0 && errno != EAGAIN && errno != EINTR) ||
                stdin_written == options.stdin_data.size()) {
                ::close(in_fd);
                in_fd = -1;
            }
        }
    }
    for (int fd : {in_fd, out_fd, err_fd}) {
        if (fd >= 0) ::close(fd);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = exit_code_of(status);
    return result;
}

TerminalResult run_on_terminal(const std::vector<std::string>& argv, const ProcessOptions& options,
                               const TerminalOptions& terminal) {
    TerminalResult r;
    if (argv.empty()) return r;
    std::vector<std::string> args = argv;
    std::vector<std::string> env = child_environment(options);
    auto c_args = c_strings(args);
    auto c_env = c_strings(env);
    int out_pipe[2] = {-1, -1};
    if (terminal.stdout_to_pipe && ::pipe(out_pipe) != 0) return r;
    struct winsize size {};
    size.ws_col = terminal.columns;
    size.ws_row = terminal.columns > 0 ? 50 : 0;
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, terminal.columns > 0 ? &size : nullptr);
    if (pid == 0) {
        if (terminal.stdout_to_pipe) {
            ::dup2(out_pipe[1], STDOUT_FILENO);
            ::close(out_pipe[0]);
            ::close(out_pipe[1]);
        }
        if (!options.cwd.empty() && ::chdir(options.cwd.c_str()) != 0) ::_exit(126);
        ::execve(c_args[0], c_args.data(), c_env.data());
        ::_exit(127);
    }
    if (terminal.stdout_to_pipe) ::close(out_pipe[1]);
    if (pid < 0) {
        if (terminal.stdout_to_pipe) ::close(out_pipe[0]);
        return r;
    }
    for (const auto& a : terminal.answers) {
        const std::string line = a + "\n";
        if (::write(master, line.data(), line.size()) < 0) break;
    }
    std::thread interrupter;
    if (terminal.interrupt_after) {
        interrupter = std::thread([pid, d = *terminal.interrupt_after] {
            std::this_thread::sleep_for(d);
            ::kill(pid, SIGINT);
        });
    }
    // Both until they close: the terminal gives EIO once the child has exited, the pipe EOF.
    int terminal_fd = master;
    int pipe_fd = terminal.stdout_to_pipe ? out_pipe[0] : -1;
    char buf[4096];
    while (terminal_fd >= 0 || pipe_fd >= 0) {
        pollfd fds[2] = {{terminal_fd, POLLIN, 0}, {pipe_fd, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            int& fd = i == 0 ? terminal_fd : pipe_fd;
            if (fd < 0 || fds[i].revents == 0) continue;
            const ssize_t n = ::read(fd, buf, sizeof buf);
            if (n <= 0) {
                fd = -1;
                continue;
            }
            (i == 0 ? r.output : r.out).append(buf, static_cast<std::size_t>(n));
        }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (interrupter.joinable()) interrupter.join();
    ::close(master);
    if (terminal.stdout_to_pipe) ::close(out_pipe[0]);
    r.exit_code = exit_code_of(status);
    return r;
}

}  // namespace descope_mgmt::test
