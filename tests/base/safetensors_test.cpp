#include <gtest/gtest.h>

#include <cstring>

#include "core/error.h"
#include "core/io/atomic_file.h"
#include "core/io/safetensors.h"
#include "test_util.h"

using namespace srs::core;
using srs::test::TempDir;

namespace {
std::string image(const std::string& headerJson, std::size_t dataBytes) {
    std::uint64_t n = headerJson.size();
    std::string out(reinterpret_cast<const char*>(&n), 8);
    return out + headerJson + std::string(dataBytes, '\0');
}
SafetensorsHeader parse(const std::string& bytes) {
    return parseSafetensorsHeader(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), "x.safetensors");
}
std::string errorOf(const std::string& bytes) {
    try {
        parse(bytes);
    } catch (const srs::FormatError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST(Safetensors, ParsesHeaderAndSortsByOffset) {
    auto h = parse(image(R"({"b":{"dtype":"BF16","shape":[3],"data_offsets":[8,14]},)"
                         R"("a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{"k":"v"}})",
                         14));
    ASSERT_EQ(h.tensors.size(), 2u);
    EXPECT_EQ(h.tensors[0].name, "a");
    EXPECT_EQ(h.tensors[1].dtype, DType::BF16);
    EXPECT_EQ(h.tensors[1].numel(), 3);
    EXPECT_EQ(h.metadata.at("k"), "v");
}

TEST(Safetensors, RejectsMalformedHeadersNamingTheTensor) {
    EXPECT_NE(errorOf("abc").find("truncated"), std::string::npos);
    EXPECT_NE(errorOf(image(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,8]}})", 16)).find("'w'"), std::string::npos);
    EXPECT_NE(errorOf(image(R"({"w":{"dtype":"Q4","shape":[2],"data_offsets":[0,8]}})", 8)).find("unknown dtype 'Q4'"), std::string::npos);
    EXPECT_NE(errorOf(image(R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", 8)).find("end before begin"), std::string::npos);
    EXPECT_NE(errorOf(image(R"({"w":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 8)).find("non-negative"), std::string::npos);
    EXPECT_NE(errorOf(image(R"([1,2])", 0)).find("must be an object"), std::string::npos);
    EXPECT_NE(errorOf(image(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                            R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12))
                  .find("overlap"), std::string::npos);
}

TEST(Safetensors, WriteThenReadRoundTripsBytes) {
    TempDir dir;
    const float a[3] = {1.5f, -2.f, 3.25f};
    const std::uint16_t b[2] = {0x3f80, 0xc000};  // bf16 1.0, -2.0
    writeSafetensors(dir / "t.safetensors", {{"a", DType::F32, {3}, a}, {"b", DType::BF16, {1, 2}, b}}, {{"who", "test"}});
    auto f = SafetensorsFile::open(dir / "t.safetensors");
    ASSERT_NE(f->find("a"), nullptr);
    EXPECT_EQ(std::memcmp(f->tensorData(*f->find("a")), a, sizeof a), 0);
    EXPECT_EQ(std::memcmp(f->tensorData(*f->find("b")), b, sizeof b), 0);
    EXPECT_EQ(f->metadata().at("who"), "test");
    // Refuses to overwrite unless asked, and leaves the old file intact.
    EXPECT_THROW(writeSafetensors(dir / "t.safetensors", {}), srs::Error);
    EXPECT_NE(SafetensorsFile::open(dir / "t.safetensors")->find("a"), nullptr);
    writeSafetensors(dir / "t.safetensors", {}, {}, /*overwrite=*/true);
    EXPECT_EQ(SafetensorsFile::open(dir / "t.safetensors")->tensors().size(), 0u);
}

TEST(AtomicFile, AbandonedWriteLeavesNoFile) {
    TempDir dir;
    {
        AtomicFileWriter w(dir / "out.txt", false);
        w.write("partial");
    }
    EXPECT_FALSE(std::filesystem::exists(dir / "out.txt"));
    EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}
