#include "util/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

namespace descope_mgmt::util {

namespace {
std::string system_reason() {
    return std::strerror(errno);
}

/// Creates `path` (which must not exist) with exactly `mode`, writes `content`, fsyncs and
/// closes it. On failure the file may be left behind: the caller removes it.
Result<void> create_and_write(const std::filesystem::path& path, std::string_view content,
                              unsigned mode, const char* what) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) return error(path.string() + ": cannot create " + what + ": " + system_reason());
    // open() applies the umask; set the exact mode asked for.
    ::fchmod(fd, mode);
    std::size_t written = 0;
    while (written < content.size()) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            const auto reason = system_reason();
            ::close(fd);
            return error(path.string() + ": write failed: " + reason);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        const auto reason = system_reason();
        ::close(fd);
        return error(path.string() + ": fsync failed: " + reason);
    }
    if (::close(fd) != 0) return error(path.string() + ": close failed: " + system_reason());
    return {};
}
}  // namespace

/// Why `st` is not something we read or replace as a file, or nullptr for a regular file.
static const char* not_a_file(const struct stat& st) {
    if (S_ISREG(st.st_mode)) return nullptr;
    if (S_ISDIR(st.st_mode)) return "is a directory, not a file";
    if (S_ISFIFO(st.st_mode)) return "is a FIFO (named pipe), not a regular file";
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "is a device, not a regular file";
    if (S_ISSOCK(st.st_mode)) return "is a socket, not a regular file";
    return "is not a regular file";
}

static std::string mebibytes(std::size_t n) {
    return std::to_string((n + (1u << 20) - 1) >> 20) + " MiB";
}

Result<std::string> read_file(const std::filesystem::path& path, std::size_t max_bytes) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return error(path.string() + ": cannot read: " + system_reason());
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const auto reason = system_reason();
        ::close(fd);
        return error(path.string() + ": cannot read: " + reason);
    }
    if (const char* why = not_a_file(st)) {
        ::close(fd);
        return error(path.string() + ": " + why);
    }
    if (static_cast<std::size_t>(st.st_size) > max_bytes) {
        ::close(fd);
        return error(path.string() + ": is " + mebibytes(static_cast<std::size_t>(st.st_size)) +
                     ", more than the " + mebibytes(max_bytes) + " this tool reads");
    }
    std::string out;
    out.reserve(static_cast<std::size_t>(st.st_size));
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const auto reason = system_reason();
            ::close(fd);
            return error(path.string() + ": read failed: " + reason);
        }
        if (n == 0) break;
        out.append(buffer, static_cast<std::size_t>(n));
        if (out.size() > max_bytes) {  // it grew while being read
            ::close(fd);
            return error(path.string() + ": more than the " + mebibytes(max_bytes) +
                         " this tool reads");
        }
    }
    ::close(fd);
    return out;
}

Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                   unsigned mode) {
    // Only a regular file is ever replaced: --out /dev/null must not become a file.
    if (struct stat st{}; ::stat(path.c_str(), &st) == 0) {
        if (const char* why = not_a_file(st)) return error(path.string() + ": " + why);
    }
    const auto folder = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    std::random_device rd;
    // Built with append: GCC 12 at -O3 reports a false -Wrestrict on chained operator+.
    std::string tmp_name = ".";
    tmp_name.append(path.filename().string()).append(".tmp-").append(std::to_string(rd()));
    const auto tmp = folder / tmp_name;
    if (auto w = create_and_write(tmp, content, mode, "temporary file"); !w) {
        ::unlink(tmp.c_str());
        // Named after the target: the temporary name means nothing to the user.
        return error(path.string() + w.error().message.substr(tmp.string().size()));
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        const auto reason = system_reason();
        ::unlink(tmp.c_str());
        return error(path.string() + ": rename failed: " + reason);
    }
    const int dir_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return {};
}

namespace {

namespace fs = std::filesystem;

/// The last component of `dir` ("adopted" for "out/adopted/"), "" for "." or "/".
std::string folder_name(const fs::path& dir) {
    fs::path p = dir.lexically_normal();
    if (!p.has_filename()) p = p.parent_path();
    const std::string name = p.filename().string();
    return name == "." || name == ".." ? std::string() : name;
}

/// Creates `path` (which must not exist), writes `content` and fsyncs it.
Result<void> write_new_file(const fs::path& path, std::string_view content, unsigned mode) {
    return create_and_write(path, content, mode, "file");
}

void fsync_folder(const fs::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

/// A fresh temporary folder `folder/PREFIXXXXXXX` (mode 0700).
Result<fs::path> make_temporary_folder(const fs::path& folder, const std::string& prefix) {
    std::string name = (folder / prefix).string();
    name += "XXXXXX";
    if (::mkdtemp(name.data()) == nullptr)
        return error(name.substr(0, name.size() - 6) +
                     "*: cannot create a temporary folder: " + system_reason());
    return fs::path(name);
}

/// Writes every file under `staging` and fsyncs the files and the folders they are in.
Result<void> stage_files(const fs::path& staging, const std::vector<FolderFile>& files,
                         const std::function<bool()>& stop) {
    std::set<fs::path> folders{staging};
    for (const FolderFile& f : files) {
        if (stop && stop()) return error("interrupted");
        const fs::path path = staging / f.path;
        if (path.parent_path() != staging) {
            std::error_code ec;
            fs::create_directories(path.parent_path(), ec);
            if (ec)
                return error("cannot create folder " + path.parent_path().string() + ": " +
                             ec.message());
            for (fs::path p = path.parent_path(); p != staging && p.has_relative_path();
                 p = p.parent_path())
                folders.insert(p);
        }
        if (auto w = write_new_file(path, f.content, 0644); !w) return w;
    }
    for (const fs::path& folder : folders)
        fsync_folder(folder);
    return {};
}

/// Removes the folders in `folder` named PREFIX + 6 characters (mkdtemp's), owned by this user:
/// what runs killed before they finished left behind.
std::vector<fs::path> remove_leftovers(const fs::path& folder, const std::string& prefix) {
    std::vector<fs::path> removed;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() != prefix.size() + 6 || !name.starts_with(prefix)) continue;
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode) ||
            st.st_uid != ::geteuid())
            continue;
        std::error_code remove_ec;
        fs::remove_all(it->path(), remove_ec);
        if (!remove_ec) removed.push_back(it->path());
    }
    return removed;
}

/// Anything at `path` that a file cannot replace: a folder, device, FIFO, socket (an error
/// naming it), or a parent inside `dir` that is not a folder.
Result<void> check_replaceable(const fs::path& dir, const fs::path& relative) {
    fs::path at = dir;
    const fs::path parent = relative.parent_path();
    for (const fs::path& part : parent) {
        at /= part;
        struct stat st {};
        if (::stat(at.c_str(), &st) != 0) return {};  // missing: created when moving in
        if (!S_ISDIR(st.st_mode)) return error(at.string() + ": is not a folder");
    }
    const fs::path path = dir / relative;
    if (struct stat st{}; ::stat(path.c_str(), &st) == 0) {
        if (const char* why = not_a_file(st)) return error(path.string() + ": " + why);
    }
    return {};
}

/// `dir` does not exist: stage everything in a sibling, then rename the sibling to `dir`.
Result<FolderWritten> write_new_folder(const fs::path& dir, const std::string& name,
                                       const std::vector<FolderFile>& files,
                                       const std::function<bool()>& stop) {
    fs::path parent = dir.lexically_normal();
    if (!parent.has_filename()) parent = parent.parent_path();
    parent = parent.has_parent_path() ? parent.parent_path() : fs::path(".");
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) return error("cannot create folder " + parent.string() + ": " + ec.message());
    const std::string prefix = "." + name + ".partial-";
    auto staging = make_temporary_folder(parent, prefix);
    if (!staging) return unexpected(staging.error());
    auto fail = [&](std::string message) -> Result<FolderWritten> {
        std::error_code remove_ec;
        fs::remove_all(*staging, remove_ec);
        return error(std::move(message));
    };
    if (auto w = stage_files(*staging, files, stop); !w) return fail(w.error().message);
    if (stop && stop()) return fail("interrupted");
    ::chmod(staging->c_str(), 0755);
    if (::rename(staging->c_str(), dir.c_str()) != 0) {
        const int e = errno;
        if (e == EEXIST || e == ENOTEMPTY)
            return fail(dir.string() + ": appeared while it was being written");
        return fail(dir.string() + ": rename failed: " + std::strerror(e));
    }
    fsync_folder(parent);
    return FolderWritten{remove_leftovers(parent, prefix)};
}

/// `dir` exists: stage everything inside it, then move each file into place, in order.
Result<FolderWritten> write_into_folder(const fs::path& dir, const std::vector<FolderFile>& files,
                                        const std::function<bool()>& stop) {
    for (const FolderFile& f : files)
        if (auto ok = check_replaceable(dir, f.path); !ok) return unexpected(ok.error());
    const std::string prefix = ".partial-";
    auto staging = make_temporary_folder(dir, prefix);
    if (!staging) return unexpected(staging.error());
    auto fail = [&](std::string message) -> Result<FolderWritten> {
        std::error_code remove_ec;
        fs::remove_all(*staging, remove_ec);
        return error(std::move(message));
    };
    if (auto w = stage_files(*staging, files, stop); !w) return fail(w.error().message);
    if (stop && stop()) return fail("interrupted");
    std::set<fs::path> touched{dir};
    for (const FolderFile& f : files) {
        const fs::path target = dir / f.path;
        if (auto ok = check_replaceable(dir, f.path); !ok) return fail(ok.error().message);
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
        if (ec)
            return fail("cannot create folder " + target.parent_path().string() + ": " +
                        ec.message());
        if (::rename((*staging / f.path).c_str(), target.c_str()) != 0)
            return fail(target.string() + ": rename failed: " + system_reason());
        touched.insert(target.parent_path());
    }
    for (const fs::path& folder : touched)
        fsync_folder(folder);
    std::error_code remove_ec;
    fs::remove_all(*staging, remove_ec);
    return FolderWritten{remove_leftovers(dir, prefix)};
}

}  // namespace

Result<FolderWritten> write_folder_atomically(const std::filesystem::path& dir,
                                              const std::vector<FolderFile>& files,
                                              const std::function<bool()>& stop) {
    for (const FolderFile& f : files) {
        if (f.path.empty() || f.path.is_absolute() ||
            f.path.lexically_normal().string().starts_with(".."))
            return error(f.path.string() + ": not a path inside " + dir.string());
    }
    struct stat st {};
    if (::stat(dir.c_str(), &st) == 0) {
        if (!S_ISDIR(st.st_mode)) return error(dir.string() + ": exists and is not a folder");
        return write_into_folder(dir, files, stop);
    }
    if (errno != ENOENT) return error(dir.string() + ": " + system_reason());
    const std::string name = folder_name(dir);
    if (name.empty()) return error(dir.string() + ": not a folder name");
    return write_new_folder(dir, name, files, stop);
}

const char* to_string(FileOutcome outcome) {
    switch (outcome) {
        case FileOutcome::created:
            return "created";
        case FileOutcome::updated:
            return "updated";
        case FileOutcome::unchanged:
            return "unchanged";
    }
    return "created";
}

Result<FileOutcome> write_file_if_changed(const std::filesystem::path& path,
                                          std::string_view content) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (exists) {
        struct stat st {};
        if (::stat(path.c_str(), &st) == 0) {
            if (const char* why = not_a_file(st)) return error(path.string() + ": " + why);
            // Leaving an identical file alone keeps its time stamp, so tools watching the
            // folder (and `make`) see no change. Only a file of the same size can be identical.
            if (static_cast<std::size_t>(st.st_size) == content.size()) {
                if (auto old = read_file(path); old && *old == content)
                    return FileOutcome::unchanged;
            }
        }
    }
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), ec);
        if (ec) {
            return error("cannot create folder " + path.parent_path().string() + ": " +
                         ec.message());
        }
    }
    if (auto w = write_file_atomically(path, content); !w) return unexpected(w.error());
    return exists ? FileOutcome::updated : FileOutcome::created;
}

}  // namespace descope_mgmt::util
