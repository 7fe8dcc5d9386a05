#pragma once
// Small helpers shared by the test executables (header-only, torch-free).
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace srs::test {

inline std::filesystem::path fixtures() { return SRS_TEST_FIXTURES; }

/// A fresh temporary directory, removed on destruction.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() /
                 ("srs-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

inline std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void writeFile(const std::filesystem::path& path, const std::string& data) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << data;
}

struct CommandResult {
    int exitCode = -1;
    std::string out;  ///< stdout
    std::string err;  ///< stderr
};

/// Runs a shell command line, capturing stdout and stderr separately.
inline CommandResult run(const std::string& commandLine) {
    TempDir tmp;
    const auto outPath = tmp / "stdout", errPath = tmp / "stderr";
    const std::string full = commandLine + " >" + outPath.string() + " 2>" + errPath.string() + " </dev/null";
    int status = std::system(full.c_str());
    CommandResult r;
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = readFile(outPath);
    r.err = readFile(errPath);
    return r;
}

/// Runs the built `srs` binary with the given argument string.
inline CommandResult runSrs(const std::string& args) { return run(std::string(SRS_CLI_PATH) + " " + args); }

/// Copies the tiny fixture model into `dest` and adds the real Qwen tokenizer.json (the tiny
/// model's vocabulary is 512, so prompts must tokenize below that, e.g. ASCII arithmetic).
inline void copyTinyModelWithQwenTokenizer(const std::filesystem::path& dest) {
    std::filesystem::copy(fixtures() / "tiny-qwen2-f32", dest, std::filesystem::copy_options::recursive);
    std::filesystem::copy_file(fixtures() / "qwen-tokenizer" / "tokenizer.json", dest / "tokenizer.json");
}

inline std::string quote(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

}  // namespace srs::test
