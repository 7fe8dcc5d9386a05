#pragma once
// Helpers shared by the model runtime tests (fixture access, tolerant comparison).
#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <memory>
#include <string>

#include "core/io/safetensors.h"
#include "core/model/checkpoint.h"

namespace srs::core::test {

inline std::string tinyDir() { return std::string(SRS_TEST_FIXTURES) + "/tiny-qwen2-f32"; }

inline std::shared_ptr<Checkpoint> tinyCheckpoint() {
    static std::shared_ptr<Checkpoint> ckpt = Checkpoint::open(tinyDir());
    return ckpt;
}

inline const SafetensorsFile& refs() {
    static std::shared_ptr<SafetensorsFile> file =
        SafetensorsFile::open(tinyDir() + "/refs/refs.safetensors");
    return *file;
}

/// A reference array as an owning CPU tensor (F32 or I64).
inline at::Tensor refTensor(const std::string& name) {
    const auto* info = refs().find(name);
    if (!info) throw std::runtime_error("refs.safetensors has no tensor " + name);
    auto dtype = info->dtype == DType::I64 ? at::kLong : at::kFloat;
    return at::from_blob(const_cast<void*>(refs().tensorData(*info)), info->shape,
                         at::TensorOptions().dtype(dtype))
        .clone();
}

inline nlohmann::json refsJson() {
    std::ifstream in(tinyDir() + "/refs/refs.json");
    return nlohmann::json::parse(in);
}

/// max |a - b| <= atol + rtolMax * max|b|, reported with the worst element.
inline ::testing::AssertionResult closeTo(const at::Tensor& actual, const at::Tensor& expected,
                                          double atol, double rtolMax) {
    if (actual.sizes() != expected.sizes())
        return ::testing::AssertionFailure()
               << "shape " << actual.sizes() << " != " << expected.sizes();
    auto a = actual.to(at::kDouble), e = expected.to(at::kDouble);
    double maxRef = e.abs().max().item<double>();
    double diff = (a - e).abs().max().item<double>();
    double tol = atol + rtolMax * maxRef;
    if (diff <= tol) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "max |diff| " << diff << " > tol " << tol
                                         << " (max|ref| " << maxRef << ")";
}

inline at::Tensor idsTensor(const std::vector<std::int64_t>& ids) {
    return at::tensor(ids, at::kLong).unsqueeze(0);
}

}  // namespace srs::core::test
