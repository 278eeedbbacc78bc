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

bool matches(int fd, int local_port, const std::string& remote_addr, int remote_port) {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode)) return false;
    sockaddr_storage local{}, peer{};
    socklen_t local_len = sizeof local, peer_len = sizeof peer;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0 ||
        ::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0) {
        return false;
    }
    std::string local_host, peer_host;
    int lport = 0, pport = 0;
    return describe(local, local_host, lport) && describe(peer, peer_host, pport) &&
           lport == local_port && pport == remote_port && peer_host == remote_addr;
}

}  // namespace

bool abort_connection(int local_port, const std::string& remote_addr, int remote_port) {
    DIR* dir = ::opendir("/proc/self/fd");
    if (dir == nullptr) return false;
    bool found = false;
    while (const dirent* entry = ::readdir(dir)) {
        char* end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (*end != '\0' || fd == ::dirfd(dir)) continue;
        if (!matches(static_cast<int>(fd), local_port, remote_addr, remote_port)) continue;
        const linger abortive{1, 0};
        ::setsockopt(static_cast<int>(fd), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
        ::shutdown(static_cast<int>(fd), SHUT_RDWR);
        found = true;
        break;
    }
    ::closedir(dir);
    return found;
}

}  // namespace descope_mgmt::emulator
