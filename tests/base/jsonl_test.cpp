#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "core/io/jsonl.h"

using namespace srs::core;
namespace fs = std::filesystem;

namespace {

fs::path writeTemp(const std::string& name, const std::string& text) {
    fs::path p = fs::temp_directory_path() / ("srs_jsonl_" + std::to_string(::getpid()) + "_" + name);
    std::ofstream(p, std::ios::binary) << text;
    return p;
}

std::string errorOf(const fs::path& p) {
    try {
        readJsonl(p);
    } catch (const srs::FormatError& e) {
        return e.what();
    }
    return "(no FormatError)";
}

}  // namespace

TEST(Jsonl, StreamsObjectsSkippingBlankLinesAndCountingFromOne) {
    auto p = writeTemp("ok.jsonl", "{\"a\":1}\r\n\n   \n{\"a\":2,\"s\":\"\xEC\x95\x88\"}\n{\"a\":3}");
    JsonlReader reader(p);
    nlohmann::json j;
    std::vector<std::size_t> lines;
    std::vector<int> values;
    while (reader.next(j)) {
        lines.push_back(reader.lineNumber());
        values.push_back(j["a"].get<int>());
    }
    EXPECT_EQ(values, (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(lines, (std::vector<std::size_t>{1, 4, 5}));
    fs::remove(p);
}

TEST(Jsonl, MalformedLineNamesFileAndLine) {
    auto p = writeTemp("bad.jsonl", "{\"a\":1}\n\n{\"a\": }\n");
    std::string msg = errorOf(p);
    EXPECT_NE(msg.find(p.string() + ":3: invalid JSON"), std::string::npos) << msg;
    fs::remove(p);
}

TEST(Jsonl, NonObjectLineIsRejected) {
    auto p = writeTemp("arr.jsonl", "{\"a\":1}\n[1,2]\n");
    std::string msg = errorOf(p);
    EXPECT_NE(msg.find(":2: expected a JSON object, found array"), std::string::npos) << msg;
    fs::remove(p);
}

TEST(Jsonl, MissingFileIsAFormatError) {
    EXPECT_THROW(JsonlReader("/nonexistent/x.jsonl"), srs::FormatError);
    EXPECT_EQ(readJsonl(writeTemp("empty.jsonl", "")).size(), 0u);
}

TEST(Jsonl, LineSerialisationRoundTrips) {
    nlohmann::json j = {{"response", "x \\boxed{5}\n"}, {"reward", 1}};
    std::string line = toJsonlLine(j);
    ASSERT_EQ(line.back(), '\n');
    EXPECT_EQ(line.find('\n'), line.size() - 1);
    EXPECT_EQ(nlohmann::json::parse(line), j);
}
