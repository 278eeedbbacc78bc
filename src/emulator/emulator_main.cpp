#include "emulator/emulator_main.hpp"

#include <signal.h>

#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "emulator/options.hpp"
#include "emulator/server.hpp"
#include "util/build_info.hpp"
#include "util/clock.hpp"

namespace descope_mgmt::emulator {

namespace {

int fail_with(const std::string& message) {
    std::fprintf(stderr, "descope-emulator: error: %s\n", message.c_str());
    return 1;
}

}  // namespace

int run(int argc, char** argv) {
    auto options = parse_options(std::vector<std::string>(argv + 1, argv + argc));
    if (!options) {
        std::fprintf(stderr, "descope-emulator: error: %s\nTry 'descope-emulator --help'.\n",
                     options.error().message.c_str());
        return 1;
    }
    if (options->help) {
        std::fputs(usage().c_str(), stdout);
        return 0;
    }
    if (options->version) {
        std::printf("%s\n", util::version_line("descope-emulator").c_str());
        return 0;
    }

    // SIGINT and SIGTERM are blocked in every thread (the mask is inherited by the server's
    // threads) and taken synchronously below with sigwait, so a signal that arrives while the
    // server starts up is not lost and no handler runs in the middle of a request.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

    auto server = Server::create(*options, util::SystemClock::instance());
    if (!server) return fail_with(server.error().message);
    auto port = (*server)->bind();
    if (!port) return fail_with(port.error().message);

    std::thread serving([&] { (*server)->serve(); });
    (*server)->wait_until_serving();
    // The one line scripts and tests wait for (interface.md).
    const bool v6 = options->host.find(':') != std::string::npos;
    std::printf("listening on http://%s%s%s:%d\n", v6 ? "[" : "", options->host.c_str(),
                v6 ? "]" : "", *port);
    std::fflush(stdout);

    int signal = 0;
    sigwait(&stop_signals, &signal);
    std::fprintf(stderr, "descope-emulator: %s received, stopping\n",
                 signal == SIGINT ? "SIGINT" : "SIGTERM");
    (*server)->stop();
    serving.join();
    return 0;
}

}  // namespace descope_mgmt::emulator
