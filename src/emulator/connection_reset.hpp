#pragma once
// The "reset" fault: close a client's connection without answering. cpp-httplib 0.11 gives a
// handler no access to its socket, so the socket is found by its address pair instead.

#include <string>

namespace descope_mgmt::emulator {

/// Finds this process's TCP socket whose local port is `local_port` and whose peer is
/// `remote_addr`:`remote_port`, makes its close abortive (SO_LINGER 0, so the peer sees a reset)
/// and shuts it down; the server's own write then fails and it closes the socket. Returns false
/// when no such socket exists.
bool abort_connection(int local_port, const std::string& remote_addr, int remote_port);

/// Shuts down the reading side of every accepted connection on `local_port`. A worker waiting
/// for the next request on an idle keep-alive connection then sees end-of-file at once, while a
/// worker in the middle of a request still writes its answer. Used on shutdown, because
/// cpp-httplib 0.11 notices a stop only between requests (after up to the keep-alive timeout).
void close_idle_connections(int local_port);

}  // namespace descope_mgmt::emulator
