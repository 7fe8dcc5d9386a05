// Direct chunk reads (pread of unfiltered chunks) against HDF5's own H5Dread of the same
// rows, and the read-ahead pipeline that hands batches over in pieces.
#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/cache/cache_format.h"
#include "core/cache/chunk_direct_read.h"
#include "core/cache/hdf5_support.h"
#include "tests/base/activation_cache_test_util.h"

namespace {

using namespace cache_test;
namespace h5 = srs::core::h5;

/// The stored-type memory type the reader uses for each store dtype.
h5::Handle memTypeFor(StoreDtype dt) {
    switch (dt) {
        case StoreDtype::Float16: return h5::halfType();
        case StoreDtype::BFloat16: return h5::Handle(H5Tcopy(H5T_NATIVE_UINT16));
        case StoreDtype::Float32: break;
    }
    return h5::Handle(H5Tcopy(H5T_NATIVE_FLOAT));
}

struct OpenDataset {
    h5::Handle file, dataset;
    int fd = -1;
    std::uint64_t bytes = 0;
    std::int64_t rows = 0;
    OpenDataset(const std::string& path, const std::string& name) {
        h5::silenceErrors();
        file = h5::Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        dataset = h5::Handle(H5Dopen2(file, name.c_str(), H5P_DEFAULT));
        void* vfd = nullptr;
        if (H5Fget_vfd_handle(file, H5P_DEFAULT, &vfd) >= 0 && vfd) fd = *static_cast<int*>(vfd);
        bytes = std::filesystem::file_size(path);
        rows = static_cast<std::int64_t>(h5::datasetShape(dataset, path, name)[0]);
    }
};

}  // namespace

// Every dtype, a cache of four interleaved datasets (so one layer's chunks are not
// adjacent in the file), chunks of 8 rows: any row range — inside one chunk, across
// chunks, ending in the last partly filled chunk, empty — reads the same bytes directly as
// through H5Dread.
TEST(ChunkDirectRead, EqualsHdf5ReadForEveryRangeAndDtype) {
    for (StoreDtype dt : {StoreDtype::Float16, StoreDtype::BFloat16, StoreDtype::Float32}) {
        TempDir dir;
        writeSmallChunkedCache(dir.file("c.h5"), dt, 17);
        for (const std::string name : {activationDatasetPath("resid_post", 1), activationDatasetPath("mlp_out", 3)}) {
            OpenDataset d(dir.file("c.h5"), name);
            ASSERT_GE(d.fd, 0);
            auto memType = memTypeFor(dt);
            ChunkDirectReader direct(d.dataset, memType, d.fd, d.bytes, dir.file("c.h5"), name);
            ASSERT_TRUE(direct.usable());
            ASSERT_TRUE(direct.available());
            EXPECT_EQ(direct.chunkRows(), 8u);
            ASSERT_GT(d.rows, 20);
            const std::size_t elem = storeDtypeSize(dt);
            const std::int64_t ends[][2] = {{0, 1},  {0, 8},  {3, 5},  {7, 9},          {5, 21},
                                            {8, 16}, {0, d.rows}, {d.rows - 3, d.rows}, {4, 4}};
            for (const auto& e : ends) {
                const std::int64_t r0 = e[0], r1 = e[1];
                std::vector<unsigned char> viaHdf5(static_cast<std::size_t>(r1 - r0) * 24 * elem + 1, 0xAB);
                std::vector<unsigned char> viaDirect(viaHdf5.size(), 0xAB);
                h5::readRows(d.dataset, memType, static_cast<hsize_t>(r0), static_cast<hsize_t>(r1 - r0),
                             viaHdf5.data(), "c.h5", name);
                ASSERT_TRUE(direct.readRows(r0, r1, viaDirect.data()));
                EXPECT_EQ(viaDirect, viaHdf5) << name << " rows " << r0 << ".." << r1;
                EXPECT_EQ(viaDirect.back(), 0xAB) << "wrote past the end of the range";
            }
            std::vector<unsigned char> buf(24 * elem * 2);
            const std::string msg = errorOf([&] { direct.readRows(d.rows - 1, d.rows + 1, buf.data()); });
            EXPECT_NE(msg.find("cannot read rows"), std::string::npos) << msg;
            EXPECT_NE(msg.find(name), std::string::npos) << msg;
        }
    }
}

// Compressed datasets, a memory type other than the stored one, or no descriptor: the
// direct path declines and the reader uses H5Dread (same data, checked elsewhere).
TEST(ChunkDirectRead, DeclinesFilteredDatasetsOtherTypesAndNoDescriptor) {
    TempDir dir;
    auto s = smallSchema(StoreDtype::Float16, 24, 1);
    CacheWriterOptions o;
    o.chunkRows = 8;
    o.gzipLevel = 4;
    writeCache(dir.file("z.h5"), s, 0, 9, o);
    const std::string name = activationDatasetPath("resid_post", 1);
    {
        OpenDataset d(dir.file("z.h5"), name);
        ChunkDirectReader direct(d.dataset, memTypeFor(StoreDtype::Float16), d.fd, d.bytes, "z.h5", name);
        EXPECT_FALSE(direct.usable());
        std::vector<std::uint16_t> buf(24);
        EXPECT_FALSE(direct.readRows(0, 1, buf.data()));
        ActivationCacheReader r(dir.file("z.h5"));
        EXPECT_FALSE(r.directReads("resid_post", 1));
    }
    o.gzipLevel = 0;
    writeCache(dir.file("p.h5"), s, 0, 9, o);
    OpenDataset d(dir.file("p.h5"), name);
    EXPECT_FALSE(ChunkDirectReader(d.dataset, memTypeFor(StoreDtype::Float32), d.fd, d.bytes, "p.h5", name).usable());
    EXPECT_FALSE(ChunkDirectReader(d.dataset, memTypeFor(StoreDtype::Float16), -1, d.bytes, "p.h5", name).usable());
    EXPECT_TRUE(ActivationCacheReader(dir.file("p.h5")).directReads("resid_post", 1));
    setenv("SRS_DISABLE_DIRECT_CHUNK_READ", "1", 1);
    EXPECT_FALSE(ActivationCacheReader(dir.file("p.h5")).directReads("resid_post", 1));
    unsetenv("SRS_DISABLE_DIRECT_CHUNK_READ");
}

// A chunk that lies past the end of the file, and a file that ends inside a chunk while
// it is read: both are FormatErrors naming the file, the dataset and the rows or chunk.
TEST(ChunkDirectRead, ChunksPastTheEndOfTheFileAreClearErrors) {
    TempDir dir;
    writeSmallChunkedCache(dir.file("c.h5"), StoreDtype::Float32, 17);
    const std::string name = activationDatasetPath("mlp_out", 3);
    OpenDataset d(dir.file("c.h5"), name);
    std::vector<float> buf(static_cast<std::size_t>(d.rows) * 24);
    {
        ChunkDirectReader direct(d.dataset, memTypeFor(StoreDtype::Float32), d.fd, 4096, "c.h5", name);
        const std::string msg = errorOf([&] { direct.readRows(0, d.rows, buf.data()); });
        EXPECT_NE(msg.find("c.h5"), std::string::npos) << msg;
        EXPECT_NE(msg.find(name), std::string::npos) << msg;
        EXPECT_NE(msg.find("past the end of the file"), std::string::npos) << msg;
    }
    // The same table against a descriptor of a copy cut short: pread meets the end.
    std::filesystem::copy_file(dir.file("c.h5"), dir.file("short.h5"));
    ASSERT_EQ(truncate(dir.file("short.h5").c_str(), 2048), 0);
    const int fd = open(dir.file("short.h5").c_str(), O_RDONLY);
    ASSERT_GE(fd, 0);
    {
        ChunkDirectReader direct(d.dataset, memTypeFor(StoreDtype::Float32), fd, d.bytes, "short.h5", name);
        const std::string msg = errorOf([&] { direct.readRows(0, d.rows, buf.data()); });
        EXPECT_NE(msg.find("short.h5"), std::string::npos) << msg;
        EXPECT_NE(msg.find("unexpected end of file"), std::string::npos) << msg;
    }
    close(fd);
}

// Read-ahead with pieces far smaller than a batch (one row .. a few rows, and a piece that
// does not divide the batch): every batch equals the synchronous read and the H5Dread
// path, for every dtype.
TEST(ChunkDirectRead, PiecewiseReadAheadStreamsTheSameBatches) {
    for (StoreDtype dt : {StoreDtype::Float16, StoreDtype::BFloat16, StoreDtype::Float32}) {
        TempDir dir;
        writeSmallChunkedCache(dir.file("c.h5"), dt, 23);
        auto collect = [&](bool ahead, std::size_t pieceBytes) {
            ActivationCacheReader r(dir.file("c.h5"));
            r.setReadAhead(ahead);
            r.setReadPieceBytes(pieceBytes);
            std::vector<std::vector<float>> rows;
            r.streamLayer("resid_post", 3, 5, [&](const ActivationBatch& b) { rows.push_back(b.rows.data); });
            return rows;
        };
        const auto reference = collect(false, 0);
        ASSERT_EQ(reference.size(), 5u);
        for (std::size_t piece : {std::size_t{1}, 24 * storeDtypeSize(dt) * 3, std::size_t{1000}, std::size_t{1} << 20})
            EXPECT_EQ(collect(true, piece), reference) << "piece bytes " << piece;
        setenv("SRS_DISABLE_DIRECT_CHUNK_READ", "1", 1);
        EXPECT_EQ(collect(true, 100), reference);
        EXPECT_EQ(collect(false, 100), reference);
        unsetenv("SRS_DISABLE_DIRECT_CHUNK_READ");
    }
}
