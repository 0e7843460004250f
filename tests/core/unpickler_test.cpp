// The pickle interpreter on hand-made pickles: what state dicts need works, and every lie about a
// length, an index or a shape is a one-line error before anything is allocated.
#include <gtest/gtest.h>

#include <string>

#include "ghostlens/io/unpickler.h"

namespace ghostlens {
namespace {

using Kind = PickleValue::Kind;

PickleDocument read(const std::string& bytes) {
  Unpickler unpickler(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), "test");
  return unpickler.read();
}

std::string error(const std::string& bytes) {
  try {
    read(bytes);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(read)";
}

std::string u32(uint32_t v) {
  std::string s(4, '\0');
  for (int i = 0; i < 4; ++i) s[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
  return s;
}

std::string unicode(const std::string& text) {
  return "X" + u32(static_cast<uint32_t>(text.size())) + text;
}

/// ('storage', torch.FloatStorage, key, 'cpu', numel) as a persistent id, then BINPERSID.
std::string storage(const std::string& key, int numel) {
  return "(" + unicode("storage") + "ctorch\nFloatStorage\n" + unicode(key) + unicode("cpu") + "K" +
         std::string(1, static_cast<char>(numel)) + "tQ";
}

/// _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict()) for a 1-D tensor.
std::string tensor(const std::string& key, int numel, int offset, int size, int stride) {
  auto byte = [](int v) { return "K" + std::string(1, static_cast<char>(v)); };
  return "ctorch._utils\n_rebuild_tensor_v2\n(" + storage(key, numel) + byte(offset) + byte(size) +
         "\x85" + byte(stride) + "\x85" + "\x89" + "ccollections\nOrderedDict\n)R" + "tR";
}

TEST(Unpickler, OneEntryOrderedDictWithMetadataOfATensor) {
  // OrderedDict(); SETITEM 'w' -> tensor; BUILD {'_metadata': {}}: what state_dict() saves.
  const std::string bytes = std::string("\x80\x02") + "ccollections\nOrderedDict\n)R" +
                            unicode("w") + tensor("0", 6, 1, 4, 1) + "s" + "}" +
                            unicode("_metadata") + "}sb.";
  const PickleDocument doc = read(bytes);
  ASSERT_EQ(doc.root()->kind, Kind::Dict);
  ASSERT_EQ(doc.root()->entries.size(), 1u);
  const PickleValue* w = doc.root()->find("w");
  ASSERT_NE(w, nullptr);
  ASSERT_EQ(w->kind, Kind::Tensor);
  const TensorRecord& record = doc.tensors().at(static_cast<std::size_t>(w->tensor));
  EXPECT_EQ(record.storageKey, "0");
  EXPECT_EQ(record.storageNumel, 6);
  EXPECT_EQ(record.offset, 1);
  EXPECT_EQ(record.sizes, std::vector<int64_t>{4});
  EXPECT_EQ(record.strides, std::vector<int64_t>{1});
}

TEST(Unpickler, MemoSharesValuesAndStopsAtStop) {
  // [x, x] where x is memoised, followed by bytes that are not read.
  const std::string bytes =
      std::string("\x80\x02") + "](" + unicode("x") + "q\x05" + "h\x05" + "e." + "garbage";
  Unpickler unpickler(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), "test");
  const PickleDocument doc = unpickler.read();
  ASSERT_EQ(doc.root()->items.size(), 2u);
  EXPECT_EQ(doc.root()->items[0], doc.root()->items[1]);
  EXPECT_EQ(unpickler.consumed(), bytes.size() - 7);
}

TEST(Unpickler, LegacyMagicNumberIsABigInteger) {
  const std::string magic = "\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19";
  const PickleDocument doc = read(std::string("\x80\x02\x8a\x0a") + magic + ".");
  ASSERT_EQ(doc.root()->kind, Kind::BigInt);
  EXPECT_EQ(doc.root()->text, magic);
  EXPECT_EQ(read("\x80\x02\x8a\x02\xff\xff.").root()->integer, -1);  // LONG1 is signed
}

TEST(Unpickler, RefusesGlobalsItDoesNotKnowBeforeCallingThem) {
  EXPECT_NE(error("\x80\x02"
                  "cposix\nsystem\n(" +
                  unicode("touch x") + "tR.")
                .find("refusing the global 'posix.system'"),
            std::string::npos);
  EXPECT_NE(error("\x80\x04" + std::string("\x8c\x08") + "builtins" + "\x8c\x04" + "eval" + "\x93.")
                .find("refusing the global 'builtins.eval'"),
            std::string::npos);
}

TEST(Unpickler, LengthsIndicesAndShapesThatLieAreErrors) {
  // A string claiming 4 GB in a pickle of a dozen bytes.
  EXPECT_NE(error(std::string("\x80\x02X\xff\xff\xff\xff"
                              "abc."))
                .find("runs past the end"),
            std::string::npos);
  // A memo index that was never stored (LONG_BINGET 2^32-1): no 4-billion-entry memo.
  EXPECT_NE(error(std::string("\x80\x02j\xff\xff\xff\xff.")).find("never stored"),
            std::string::npos);
  EXPECT_NE(error(std::string("\x80\x02]t.")).find("no MARK"), std::string::npos);
  EXPECT_NE(error(std::string("\x80\x02"
                              "a."))
                .find("empty stack"),
            std::string::npos);
  EXPECT_NE(error(std::string("\x80\x02\xff.")).find("unsupported pickle opcode 0xff"),
            std::string::npos);
  EXPECT_NE(error(std::string("\x80\x02]")).find("truncated"), std::string::npos);
  // A tensor of 4 elements from offset 3 reaches element 6 of a 6-element storage.
  EXPECT_NE(error("\x80\x02" + tensor("0", 6, 3, 4, 1) + ".").find("reaches element 6"),
            std::string::npos);
  // Stride 5 over 4 elements reaches element 15.
  EXPECT_NE(error("\x80\x02" + tensor("0", 6, 0, 4, 5) + ".").find("reaches element 15"),
            std::string::npos);
}

TEST(Unpickler, TorchScriptModulesAreAttributeHolders) {
  // __torch__.Module() with BUILD {'weight': 3}, as GhostLens checkpoints nest their modules.
  const std::string bytes = std::string("\x80\x02") +
                            "c__torch__.___torch_mangle_3\nModule\n)\x81" + "}(" +
                            unicode("epoch") + "K\x03ub.";
  const PickleDocument doc = read(bytes);
  ASSERT_EQ(doc.root()->kind, Kind::Object);
  EXPECT_EQ(doc.root()->text, "__torch__.___torch_mangle_3.Module");
  ASSERT_NE(doc.root()->find("epoch"), nullptr);
  EXPECT_EQ(doc.root()->find("epoch")->integer, 3);
}

}  // namespace
}  // namespace ghostlens
