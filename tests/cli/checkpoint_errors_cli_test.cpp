// Bad checkpoints: each gives exit 1 and a message naming the file and the tensor or key,
// never a crash. Broken folders are made from the fixture by editing bytes.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstring>

#include "test_util.h"

using namespace srs::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const fs::path kFixture = fixtures() / "tiny-qwen2-f32";

/// A copy of the fixture model folder that a test may break.
struct ModelCopy {
    TempDir dir;
    ModelCopy() {
        for (const char* f : {"config.json", "generation_config.json", "model.safetensors"})
            fs::copy_file(kFixture / f, dir / f);
    }
    fs::path path() const { return dir.path(); }
    fs::path weights() const { return dir / "model.safetensors"; }
};

struct Split {
    json header;
    std::string data;  // data section
};

Split splitSafetensors(const std::string& bytes) {
    std::uint64_t n = 0;
    std::memcpy(&n, bytes.data(), 8);
    return {json::parse(bytes.substr(8, n)), bytes.substr(8 + n)};
}

std::string joinSafetensors(const json& header, const std::string& data) {
    std::string h = header.dump();
    std::uint64_t n = h.size();
    std::string out(reinterpret_cast<const char*>(&n), 8);
    return out + h + data;
}

void editHeader(const fs::path& file, const std::function<void(json&)>& edit) {
    Split s = splitSafetensors(readFile(file));
    edit(s.header);
    writeFile(file, joinSafetensors(s.header, s.data));
}

void editConfig(const fs::path& dir, const std::function<void(json&)>& edit) {
    json c = json::parse(readFile(dir / "config.json"));
    edit(c);
    writeFile(dir / "config.json", c.dump(2));
}

/// Runs `srs inspect` and checks exit code 1 and that stderr names every `needle`.
void expectInspectError(const fs::path& dir, std::initializer_list<std::string> needles) {
    CommandResult r = runSrs("inspect " + quote(dir));
    EXPECT_EQ(r.exitCode, 1) << r.err;
    for (const auto& needle : needles) EXPECT_NE(r.err.find(needle), std::string::npos) << "missing '" << needle << "' in: " << r.err;
    EXPECT_EQ(r.err.find("terminate called"), std::string::npos);
}

}  // namespace

TEST(CheckpointErrors, GoodFixtureInspects) {
    CommandResult r = runSrs("inspect --json " + quote(kFixture));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    json j = json::parse(r.out);
    EXPECT_EQ(j["architecture"], "Qwen2ForCausalLM");
    EXPECT_EQ(j["num_layers"], 4);
    EXPECT_EQ(j["d_model"], 64);
    EXPECT_EQ(j["vocab_size"], 512);
    // embed 512*64 + 4 layers * (2*64 norms + q 64*64+64 + k,v 2*(32*64+32) + o 64*64 + mlp 3*128*64) + norm 64
    const long expected = 512 * 64 + 4 * (2 * 64 + 64 * 64 + 64 + 2 * (32 * 64 + 32) + 64 * 64 + 3 * 128 * 64) + 64;
    EXPECT_EQ(j["parameters"].get<long>(), expected);
    EXPECT_EQ(j["stored_dtype"], "F32");
    EXPECT_TRUE(j["warnings"].empty());
}

TEST(CheckpointErrors, TruncatedFile) {
    ModelCopy m;
    writeFile(m.weights(), readFile(m.weights()).substr(0, 5));
    expectInspectError(m.path(), {"model.safetensors", "truncated"});
}

TEST(CheckpointErrors, TruncatedDataSection) {
    ModelCopy m;
    std::string bytes = readFile(m.weights());
    writeFile(m.weights(), bytes.substr(0, bytes.size() - 1000));
    expectInspectError(m.path(), {"model.safetensors", "out of bounds"});
}

TEST(CheckpointErrors, HeaderLengthPastEnd) {
    ModelCopy m;
    std::string bytes = readFile(m.weights());
    std::uint64_t huge = bytes.size() + 10;
    std::memcpy(bytes.data(), &huge, 8);
    writeFile(m.weights(), bytes);
    expectInspectError(m.path(), {"model.safetensors", "header length"});
}

TEST(CheckpointErrors, InvalidHeaderJson) {
    ModelCopy m;
    std::string bytes = readFile(m.weights());
    bytes[8] = '#';
    writeFile(m.weights(), bytes);
    expectInspectError(m.path(), {"model.safetensors", "invalid header JSON"});
}

TEST(CheckpointErrors, UnknownDtype) {
    ModelCopy m;
    editHeader(m.weights(), [](json& h) { h["model.norm.weight"]["dtype"] = "F8_E4M3X"; });
    expectInspectError(m.path(), {"model.safetensors", "model.norm.weight", "F8_E4M3X"});
}

TEST(CheckpointErrors, UnsupportedIntegerDtypeForWeight) {
    ModelCopy m;
    editHeader(m.weights(), [](json& h) { h["model.norm.weight"]["dtype"] = "I32"; });
    expectInspectError(m.path(), {"model.safetensors", "model.norm.weight", "I32"});
}

TEST(CheckpointErrors, OffsetsOutOfBounds) {
    ModelCopy m;
    editHeader(m.weights(), [](json& h) {
        auto& e = h["model.norm.weight"];
        std::uint64_t b = e["data_offsets"][0];
        e["data_offsets"] = {b + 100000000, b + 100000000 + 256};
    });
    expectInspectError(m.path(), {"model.safetensors", "model.norm.weight", "out of bounds"});
}

TEST(CheckpointErrors, OverlappingOffsets) {
    ModelCopy m;
    editHeader(m.weights(), [](json& h) {
        // Point one layer's norm at the bytes of another tensor of the same size.
        h["model.layers.1.input_layernorm.weight"]["data_offsets"] = h["model.norm.weight"]["data_offsets"];
    });
    expectInspectError(m.path(), {"model.safetensors", "overlap", "model.norm.weight"});
}

TEST(CheckpointErrors, ShapeNotMatchingConfig) {
    ModelCopy m;
    editConfig(m.path(), [](json& c) { c["intermediate_size"] = 256; });
    expectInspectError(m.path(), {"model.safetensors", "mlp.gate_proj.weight", "[128, 64]", "[256, 64]"});
}

TEST(CheckpointErrors, MissingTensor) {
    ModelCopy m;
    editHeader(m.weights(), [](json& h) { h.erase("model.layers.2.self_attn.k_proj.bias"); });
    expectInspectError(m.path(), {"model.safetensors", "model.layers.2.self_attn.k_proj.bias", "missing"});
}

TEST(CheckpointErrors, UntiedWithoutLmHead) {
    ModelCopy m;
    editConfig(m.path(), [](json& c) { c["tie_word_embeddings"] = false; });
    expectInspectError(m.path(), {"lm_head.weight", "missing"});
}

TEST(CheckpointErrors, UnsupportedArchitecture) {
    ModelCopy m;
    editConfig(m.path(), [](json& c) { c["architectures"] = {"GPT2LMHeadModel"}; });
    expectInspectError(m.path(), {"GPT2LMHeadModel", "Qwen2ForCausalLM"});
}

TEST(CheckpointErrors, MalformedConfig) {
    ModelCopy m;
    writeFile(m.path() / "config.json", "{\"architectures\": [\"Qwen2ForCausalLM\"], ");
    expectInspectError(m.path(), {"config.json", "invalid JSON"});
}

TEST(CheckpointErrors, ConfigKeyWrongType) {
    ModelCopy m;
    editConfig(m.path(), [](json& c) { c["hidden_size"] = "sixty-four"; });
    expectInspectError(m.path(), {"config.json", "hidden_size"});
}

TEST(CheckpointErrors, ConfigMissingKey) {
    ModelCopy m;
    editConfig(m.path(), [](json& c) { c.erase("num_hidden_layers"); });
    expectInspectError(m.path(), {"config.json", "num_hidden_layers"});
}

TEST(CheckpointErrors, MissingConfig) {
    ModelCopy m;
    fs::remove(m.path() / "config.json");
    expectInspectError(m.path(), {"config.json"});
}

TEST(CheckpointErrors, NanInWeightsWarns) {
    ModelCopy m;
    Split s = splitSafetensors(readFile(m.weights()));
    std::uint64_t begin = s.header["model.layers.0.mlp.up_proj.weight"]["data_offsets"][0];
    const float nan = std::numeric_limits<float>::quiet_NaN();
    std::memcpy(s.data.data() + begin + 4 * 7, &nan, 4);
    writeFile(m.weights(), joinSafetensors(s.header, s.data));
    CommandResult r = runSrs("inspect " + quote(m.path()));
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("warning"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("model.layers.0.mlp.up_proj.weight"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("1 NaN/Inf"), std::string::npos) << r.err;
}

TEST(CheckpointErrors, PickleOnlyFolderIsRefusedUnread) {
    TempDir d;
    fs::copy_file(kFixture / "config.json", d / "config.json");
    // Content that would be dangerous to unpickle; it must never be opened.
    writeFile(d / "pytorch_model.bin", "\x80\x04cos\nsystem\n(S'touch /tmp/pwned'\ntR.");
    expectInspectError(d.path(), {"pytorch_model.bin", "pickle", "safetensors"});
}

/// Splits the fixture into two shards with an index, as Hugging Face writes them.
struct ShardedCopy {
    TempDir dir;
    ShardedCopy() {
        for (const char* f : {"config.json", "generation_config.json"}) fs::copy_file(kFixture / f, dir / f);
        Split s = splitSafetensors(readFile(kFixture / "model.safetensors"));
        json h1 = json::object(), h2 = json::object(), weightMap = json::object();
        std::string d1, d2;
        int i = 0;
        for (auto it = s.header.begin(); it != s.header.end(); ++it, ++i) {
            if (it.key() == "__metadata__") continue;
            std::uint64_t b = it.value()["data_offsets"][0], e = it.value()["data_offsets"][1];
            json entry = it.value();
            const bool first = i % 2 == 0;
            std::string& data = first ? d1 : d2;
            entry["data_offsets"] = {data.size(), data.size() + (e - b)};
            data += s.data.substr(b, e - b);
            (first ? h1 : h2)[it.key()] = entry;
            weightMap[it.key()] = first ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors";
        }
        writeFile(dir / "model-00001-of-00002.safetensors", joinSafetensors(h1, d1));
        writeFile(dir / "model-00002-of-00002.safetensors", joinSafetensors(h2, d2));
        writeFile(dir / "model.safetensors.index.json",
                  json{{"metadata", {{"total_size", s.data.size()}}}, {"weight_map", weightMap}}.dump());
    }
};

TEST(CheckpointErrors, ShardedFolderLoads) {
    ShardedCopy m;
    CommandResult r = runSrs("inspect --json " + quote(m.dir.path()));
    ASSERT_EQ(r.exitCode, 0) << r.err;
    CommandResult ref = runSrs("inspect --json " + quote(kFixture));
    EXPECT_EQ(json::parse(r.out)["parameters"], json::parse(ref.out)["parameters"]);
}

TEST(CheckpointErrors, MissingShard) {
    ShardedCopy m;
    fs::remove(m.dir / "model-00002-of-00002.safetensors");
    expectInspectError(m.dir.path(), {"model.safetensors.index.json", "model-00002-of-00002.safetensors"});
}

TEST(CheckpointErrors, MissingShardWithoutIndex) {
    ShardedCopy m;
    fs::remove(m.dir / "model.safetensors.index.json");
    fs::remove(m.dir / "model-00002-of-00002.safetensors");
    expectInspectError(m.dir.path(), {"missing shard", "model-00002-of-00002.safetensors"});
}

TEST(CheckpointErrors, IndexNamingMissingFile) {
    ShardedCopy m;
    json idx = json::parse(readFile(m.dir / "model.safetensors.index.json"));
    idx["weight_map"]["model.norm.weight"] = "model-00003-of-00002.safetensors";
    writeFile(m.dir / "model.safetensors.index.json", idx.dump());
    expectInspectError(m.dir.path(), {"model.safetensors.index.json", "model.norm.weight", "model-00003-of-00002.safetensors"});
}

TEST(CheckpointErrors, NotADirectory) {
    expectInspectError(kFixture / "config.json", {"config.json", "not a directory"});
}
