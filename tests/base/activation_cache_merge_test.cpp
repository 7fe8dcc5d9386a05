// Activation cache: shard merge (virtual + copy) and h5py compatibility.
#include <gtest/gtest.h>

#include <fstream>

#include "activation_cache_test_util.h"
#include "core/cache/cache_merge.h"
#include "core/error.h"

using namespace cache_test;

namespace {

CacheSchema shardSchema(StoreDtype dt, int index, int count) {
    auto s = smallSchema(dt);
    s.shardIndex = index;
    s.shardCount = count;
    return s;
}

}  // namespace

TEST(CacheMerge, VirtualAndCopyEqualASingleRun) {
    TempDir dir;
    const auto dt = StoreDtype::Float16;
    writeCache(dir.file("single.h5"), smallSchema(dt), 0, 11);
    fs::create_directories(dir.path() / "shards");
    writeCache(dir.file("shards/s0.h5"), shardSchema(dt, 0, 3), 0, 4);
    writeCache(dir.file("shards/s1.h5"), shardSchema(dt, 1, 3), 4, 9);
    writeCache(dir.file("shards/s2.h5"), shardSchema(dt, 2, 3), 9, 11);
    std::vector<std::string> shards{dir.file("shards/s0.h5"), dir.file("shards/s1.h5"), dir.file("shards/s2.h5")};
    mergeCaches(shards, dir.file("virtual.h5"), MergeMode::Virtual);
    mergeCaches(shards, dir.file("copy.h5"), MergeMode::Copy);
    EXPECT_FALSE(fs::exists(dir.file("virtual.h5.partial")));
    expectSameCache(dir.file("single.h5"), dir.file("virtual.h5"));
    expectSameCache(dir.file("single.h5"), dir.file("copy.h5"));
    ActivationCacheReader v(dir.file("virtual.h5"));
    EXPECT_EQ(v.metadata().mergeMode, "virtual");
    EXPECT_EQ(v.metadata().mergedFrom.front(), "shards/s0.h5");  // relative to the output
    EXPECT_GT(v.metadata().totalBytes, v.metadata().fileBytes);
    ActivationCacheReader c(dir.file("copy.h5"));
    EXPECT_EQ(c.metadata().schema.shardCount, 1);
    // Streaming over the virtual dataset crosses shard boundaries in one batch.
    std::int64_t seen = 0;
    v.streamLayer("resid_post", 1, 5, [&](const ActivationBatch& b) {
        for (std::int64_t j = 0; j < b.rolloutCount; ++j) {
            auto ref = c.readRollout("resid_post", 1, b.firstRollout + j);
            std::vector<float> got(b.rows.row(b.localOffsets[j]), b.rows.row(b.localOffsets[j + 1]));
            EXPECT_EQ(got, ref.data);
        }
        seen += b.rolloutCount;
    });
    EXPECT_EQ(seen, 11);
    // A virtual merge whose shard went missing is refused, not read as zeros.
    fs::rename(dir.file("shards/s1.h5"), dir.file("shards/moved.h5"));
    try {
        ActivationCacheReader r(dir.file("virtual.h5"));
        ADD_FAILURE() << "missing shard not detected";
    } catch (const srs::FormatError& e) {
        EXPECT_NE(std::string(e.what()).find("s1.h5"), std::string::npos) << e.what();
    }
    expectSameCache(dir.file("single.h5"), dir.file("copy.h5"));  // copy is self-contained
}

TEST(CacheMerge, IncompatibleShardsNameTheFileAndField) {
    TempDir dir;
    writeCache(dir.file("a.h5"), shardSchema(StoreDtype::Float16, 0, 2), 0, 2);
    auto other = shardSchema(StoreDtype::Float16, 1, 2);
    other.dModel = 32;
    writeCache(dir.file("b.h5"), other, 2, 4);
    try {
        mergeCaches({dir.file("a.h5"), dir.file("b.h5")}, dir.file("m.h5"), MergeMode::Copy);
        ADD_FAILURE() << "no error";
    } catch (const srs::Error& e) {
        std::string msg = e.what();
        EXPECT_NE(msg.find("b.h5"), std::string::npos) << msg;
        EXPECT_NE(msg.find("d_model"), std::string::npos) << msg;
    }
    auto fp = shardSchema(StoreDtype::Float16, 1, 2);
    fp.modelFingerprint = "another-model";
    writeCache(dir.file("c.h5"), fp, 2, 4);
    try {
        mergeCaches({dir.file("a.h5"), dir.file("c.h5")}, dir.file("m.h5"), MergeMode::Virtual);
        ADD_FAILURE() << "no error";
    } catch (const srs::Error& e) {
        EXPECT_NE(std::string(e.what()).find("model_fingerprint"), std::string::npos) << e.what();
    }
    EXPECT_THROW(mergeCaches({dir.file("a.h5"), dir.file("a.h5")}, dir.file("m.h5"), MergeMode::Copy), srs::Error);
    EXPECT_FALSE(fs::exists(dir.file("m.h5")));
    EXPECT_FALSE(fs::exists(dir.file("m.h5.partial")));
    EXPECT_THROW(mergeCaches({}, dir.file("m.h5"), MergeMode::Copy), srs::InvalidArgument);
    EXPECT_THROW(parseMergeMode("hard"), srs::InvalidArgument);
}

// h5py (no custom filters) opens the files: shapes, attributes, f16 values equal numpy's
// rounding of the float32 input, bf16 bits equal torch's rounding, virtual merge readable.
TEST(CacheH5py, FilesOpenInH5pyWithExpectedValues) {
    if (!pythonHas("h5py, numpy")) GTEST_SKIP() << SRS_PYTHON << " cannot import h5py/numpy";
    const bool haveTorch = pythonHas("torch");
    TempDir dir;
    for (StoreDtype dt : {StoreDtype::Float16, StoreDtype::BFloat16, StoreDtype::Float32}) {
        auto s = smallSchema(dt);
        CacheWriterOptions o;
        o.gzipLevel = dt == StoreDtype::Float32 ? 4 : 0;  // gzip+shuffle must open in plain h5py
        const std::string name = storeDtypeName(dt);
        writeCache(dir.file(name + ".h5"), s, 0, 5, o);
        std::ofstream raw(dir.file(name + ".f32"), std::ios::binary);  // input of dataset mlp_out/3
        for (int i = 0; i < 5; ++i) {
            auto r = makeRollout(s, i);
            raw.write(reinterpret_cast<const char*>(r.rows[3].data()),
                      static_cast<std::streamsize>(r.rows[3].size() * sizeof(float)));
        }
    }
    fs::create_directories(dir.path() / "sh");
    auto s0 = shardSchema(StoreDtype::Float16, 0, 2), s1 = shardSchema(StoreDtype::Float16, 1, 2);
    writeCache(dir.file("sh/a.h5"), s0, 0, 2);
    writeCache(dir.file("sh/b.h5"), s1, 2, 5);
    mergeCaches({dir.file("sh/a.h5"), dir.file("sh/b.h5")}, dir.file("virtual.h5"), MergeMode::Virtual);
    const std::string script = dir.file("check.py");
    {
        std::ofstream py(script);
        py << "import h5py, numpy as np, sys, os\n"
              "d = sys.argv[1]; have_torch = sys.argv[2] == '1'\n"
              "for name in ['float16', 'bfloat16', 'float32']:\n"
              "    f = h5py.File(os.path.join(d, name + '.h5'), 'r')\n"
              "    a = f.attrs\n"
              "    assert a['format'] == 'srs-activation-cache', a['format']\n"
              "    assert int(a['version']) == 1 and int(a['complete']) == 1\n"
              "    assert list(a['hooks']) == ['resid_post', 'mlp_out'], list(a['hooks'])\n"
              "    assert list(a['layers']) == [1, 3] and int(a['d_model']) == 24 and a['dtype'] == name\n"
              "    assert a['model_fingerprint'] == 'model-abc123' and a['task'] == 'gsm8k'\n"
              "    off = f['rollouts/offset'][:]\n"
              "    assert off[0] == 0 and len(off) == 6 and (f['rollouts/s0_index'][:] == off[:-1]).all()\n"
              "    assert f['rollouts/question_id'].asstr()[0] == 'q0'\n"
              "    assert f['tokens/ids'].shape == (off[-1],)\n"
              "    ds = f['acts/mlp_out/layer_03']\n"
              "    assert ds.shape == (off[-1], 24), ds.shape\n"
              "    assert ds.attrs['dtype'] == name\n"
              "    x = np.fromfile(os.path.join(d, name + '.f32'), dtype=np.float32).reshape(-1, 24)\n"
              "    v = ds[:]\n"
              "    if name == 'float16':\n"
              "        assert v.dtype == np.float16, v.dtype\n"
              "        assert (v == x.astype(np.float16)).all()\n"
              "    elif name == 'bfloat16':\n"
              "        assert v.dtype == np.uint16, v.dtype\n"
              "        as_f32 = (v.astype(np.uint32) << 16).view(np.float32)\n"
              "        assert np.allclose(as_f32, x, rtol=2**-8, atol=0)\n"
              "        if have_torch:\n"
              "            import torch\n"
              "            ref = torch.from_numpy(x).to(torch.bfloat16).view(torch.int16).numpy().view(np.uint16)\n"
              "            assert (v == ref).all()\n"
              "    else:\n"
              "        assert v.dtype == np.float32 and (v == x).all()\n"
              "        assert ds.compression == 'gzip' and ds.shuffle\n"
              "v = h5py.File(os.path.join(d, 'virtual.h5'), 'r')\n"
              "s = h5py.File(os.path.join(d, 'float16.h5'), 'r')\n"
              "assert v['acts/resid_post/layer_01'].is_virtual\n"
              "assert (v['acts/resid_post/layer_01'][:] == s['acts/resid_post/layer_01'][:]).all()\n"
              "assert (v['rollouts/offset'][:] == s['rollouts/offset'][:]).all()\n"
              "print('ok')\n";
    }
    // Run from another directory: the virtual merge must resolve shards next to itself.
    EXPECT_EQ(runCommand("cd / && " + std::string(SRS_PYTHON) + " " + script + " " + dir.path().string() + " " +
                         (haveTorch ? "1" : "0")),
              0);
}
