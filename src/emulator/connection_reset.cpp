#include "emulator/connection_reset.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace descope_mgmt::emulator {

namespace {

// The address and port of a socket name, as text and number.
bool describe(const sockaddr_storage& addr, std::string& host, int& port) {
    char buffer[INET6_ADDRSTRLEN] = {};
    if (addr.ss_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
        ::inet_ntop(AF_INET, &in->sin_addr, buffer, sizeof buffer);
        port = ntohs(in->sin_port);
    } else if (addr.ss_family == AF_INET6) {
        const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
        ::inet_ntop(AF_INET6, &in6->sin6_addr, buffer, sizeof buffer);
        port = ntohs(in6->sin6_port);
    } else {
        return false;
    }
    host = buffer;
    return true;
}

// Whether `fd` is a connected TCP socket on `local_port`; its peer's address and port.
bool connected_on(int fd, int local_port, std::string& peer_host, int& peer_port) {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) return false;
    sockaddr_storage local{}, peer{};
    socklen_t local_len = sizeof local, peer_len = sizeof peer;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0 ||
        ::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) {
        return false;
    }
    std::string local_host;
    int lport = 0;
    return describe(local, local_host, lport) && lport == local_port &&
           describe(peer, peer_host, peer_port);
}

// Calls `fn(fd, peer_host, peer_port)` for each connected socket on `local_port` until it
// returns false.
template <class F>
void for_each_connection(int local_port, F fn) {
    DIR* dir = ::opendir("/proc/self/fd");
    if (dir == nullptr) return;
    while (const dirent* entry = ::readdir(dir)) {
        char* end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (*end != '\0' || fd == ::dirfd(dir)) continue;
        std::string peer_host;
        int peer_port = 0;
        if (!connected_on(static_cast<int>(fd), local_port, peer_host, peer_port)) continue;
        if (!fn(static_cast<int>(fd), peer_host, peer_port)) break;
    }
    ::closedir(dir);
}

}  // namespace

bool abort_connection(int local_port, const std::string& remote_addr, int remote_port) {
    bool found = false;
    for_each_connection(local_port, [&](int fd, const std::string& host, int port) {
        if (host != remote_addr || port != remote_port) return true;
        const linger abortive{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
        ::shutdown(fd, SHUT_RDWR);
        found = true;
        return false;
    });
    return found;
}

void close_idle_connections(int local_port) {
    for_each_connection(local_port, [](int fd, const std::string&, int) {
        ::shutdown(fd, SHUT_RD);
        return true;
    });
}

}  // namespace descope_mgmt::emulator
