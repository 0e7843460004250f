#include "ghostlens/io/unpickler.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "ghostlens/util/input_error.h"
#include "ghostlens/util/shape_text.h"

namespace ghostlens {

namespace {

using Kind = PickleValue::Kind;

/// What an allowed global turns into when a pickle calls or instantiates it.
enum class Action {
  OrderedDict,
  RebuildTensor,     // torch._utils._rebuild_tensor(_v2)
  RebuildParameter,  // torch._utils._rebuild_parameter(_with_state): the data tensor
  BuildList,         // torch.jit._pickle.build_*list(list): the list
  TorchSize,         // torch.Size(tuple): the tuple
  DataClass,         // an object whose state BUILD sets: __torch__.* modules, Namespace
  Opaque,            // allowed, never looked into
  Storage,           // a torch.*Storage type, used in persistent ids
};

struct Allowed {
  Action action;
  StorageType storage = StorageType::Float32;
};

std::optional<Allowed> allowedGlobal(const std::string& module, const std::string& name) {
  const std::string full = module + "." + name;
  static const std::unordered_map<std::string, Allowed> kTable = {
      {"collections.OrderedDict", {Action::OrderedDict}},
      {"torch._utils._rebuild_tensor_v2", {Action::RebuildTensor}},
      {"torch._utils._rebuild_tensor", {Action::RebuildTensor}},
      {"torch._utils._rebuild_parameter", {Action::RebuildParameter}},
      {"torch._utils._rebuild_parameter_with_state", {Action::RebuildParameter}},
      {"torch.jit._pickle.build_intlist", {Action::BuildList}},
      {"torch.jit._pickle.build_doublelist", {Action::BuildList}},
      {"torch.jit._pickle.build_boollist", {Action::BuildList}},
      {"torch.jit._pickle.build_tensorlist", {Action::BuildList}},
      {"torch.Size", {Action::TorchSize}},
      {"argparse.Namespace", {Action::DataClass}},
      {"torch.device", {Action::Opaque}},
      {"_codecs.encode", {Action::Opaque}},
      {"numpy.core.multiarray.scalar", {Action::Opaque}},
      {"numpy.core.multiarray._reconstruct", {Action::Opaque}},
      {"numpy.ndarray", {Action::Opaque}},
      {"numpy.dtype", {Action::Opaque}},
      {"torch.FloatStorage", {Action::Storage, StorageType::Float32}},
      {"torch.DoubleStorage", {Action::Storage, StorageType::Float64}},
      {"torch.HalfStorage", {Action::Storage, StorageType::Float16}},
      {"torch.BFloat16Storage", {Action::Storage, StorageType::BFloat16}},
      {"torch.LongStorage", {Action::Storage, StorageType::Int64}},
      {"torch.IntStorage", {Action::Storage, StorageType::Int32}},
      {"torch.ShortStorage", {Action::Storage, StorageType::Int16}},
      {"torch.CharStorage", {Action::Storage, StorageType::Int8}},
      {"torch.ByteStorage", {Action::Storage, StorageType::UInt8}},
      {"torch.BoolStorage", {Action::Storage, StorageType::Bool}},
  };
  if (const auto found = kTable.find(full); found != kTable.end()) return found->second;
  // TorchScript archives (GhostLens checkpoints) name their module classes
  // __torch__.Module, __torch__.___torch_mangle_7.Module, ...: plain attribute holders.
  if (module == "__torch__" || module.rfind("__torch__.", 0) == 0)
    return Allowed{Action::DataClass};
  return std::nullopt;
}

bool multiplyOverflows(int64_t a, int64_t b, int64_t* out) {
  return __builtin_mul_overflow(a, b, out);
}
bool addOverflows(int64_t a, int64_t b, int64_t* out) { return __builtin_add_overflow(a, b, out); }

class Machine {
 public:
  Machine(const unsigned char* data, std::size_t size, std::size_t& pos, const std::string& what)
      : data_(data), size_(size), pos_(pos), what_(what) {}

  PickleDocument run() {
    while (true) {
      const std::size_t at = pos_;
      const unsigned char op = byte();
      if (op == '.') {  // STOP
        if (stack_.empty()) fail("STOP with an empty stack", at);
        doc_.setRoot(stack_.back());
        return std::move(doc_);
      }
      step(op, at);
    }
  }

 private:
  [[noreturn]] void fail(const std::string& message, std::size_t at) const {
    throw InputError(what_ + ", byte " + std::to_string(at) + ": " + message);
  }

  void need(std::size_t n) const {
    if (n > size_ - pos_)
      fail("truncated pickle (needs " + std::to_string(n) + " more bytes)", pos_);
  }
  unsigned char byte() {
    need(1);
    return data_[pos_++];
  }
  uint64_t littleEndian(std::size_t n) {
    need(n);
    uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(data_[pos_ + i]) << (8 * i);
    pos_ += n;
    return v;
  }
  std::string bytes(uint64_t n) {
    if (n > size_ - pos_)
      fail("a string of " + std::to_string(n) + " bytes runs past the end", pos_);
    std::string s(reinterpret_cast<const char*>(data_ + pos_), static_cast<std::size_t>(n));
    pos_ += static_cast<std::size_t>(n);
    return s;
  }
  std::string line() {
    const std::size_t start = pos_;
    while (true) {
      if (pos_ - start > 512) fail("a GLOBAL name longer than 512 bytes", start);
      if (byte() == '\n') break;
    }
    return std::string(reinterpret_cast<const char*>(data_ + start), pos_ - start - 1);
  }

  PickleValue* make(Kind kind) {
    if (doc_.valueCount() >= Unpickler::kMaxValues)
      fail("more values than any weight file holds", pos_);
    return doc_.make(kind);
  }
  void push(PickleValue* v) { stack_.push_back(v); }
  PickleValue* pop(std::size_t at) {
    if (stack_.size() <= floor()) fail("pop from an empty stack", at);
    PickleValue* v = stack_.back();
    stack_.pop_back();
    return v;
  }
  PickleValue* top(std::size_t at) {
    if (stack_.size() <= floor()) fail("empty stack", at);
    return stack_.back();
  }
  std::size_t floor() const { return marks_.empty() ? 0 : marks_.back(); }
  std::vector<PickleValue*> popToMark(std::size_t at) {
    if (marks_.empty()) fail("no MARK to pop to", at);
    const std::size_t mark = marks_.back();
    marks_.pop_back();
    std::vector<PickleValue*> items(stack_.begin() + static_cast<std::ptrdiff_t>(mark),
                                    stack_.end());
    stack_.resize(mark);
    return items;
  }

  void memoPut(uint64_t index, std::size_t at) {
    if (memo_.size() >= Unpickler::kMaxValues) fail("memo too large", at);
    memo_[index] = top(at);
  }
  void memoGet(uint64_t index, std::size_t at) {
    const auto found = memo_.find(index);
    if (found == memo_.end()) fail("memo entry " + std::to_string(index) + " was never stored", at);
    push(found->second);
  }

  PickleValue* integer(int64_t v) {
    PickleValue* value = make(Kind::Int);
    value->integer = v;
    return value;
  }

  PickleValue* longValue(uint64_t n, std::size_t at) {
    if (n > size_ - pos_) fail("a long of " + std::to_string(n) + " bytes runs past the end", at);
    if (n <= 8) {
      uint64_t raw = n == 0 ? 0 : littleEndian(static_cast<std::size_t>(n));
      if (n > 0 && n < 8 && (raw >> (8 * n - 1)) & 1) raw |= ~uint64_t{0} << (8 * n);  // sign
      return integer(static_cast<int64_t>(raw));
    }
    PickleValue* value = make(Kind::BigInt);
    value->text = bytes(n);
    return value;
  }

  PickleValue* global(const std::string& module, const std::string& name, std::size_t at) {
    const auto allowed = allowedGlobal(module, name);
    if (!allowed) {
      fail("refusing the global '" + module + "." + name +
               "' (GhostLens reads only tensors, containers and numbers from a pickle and runs "
               "nothing it names)",
           at);
    }
    PickleValue* value = make(Kind::Global);
    value->text = module + "." + name;
    actions_.emplace(value, *allowed);
    return value;
  }

  const Allowed& actionOf(const PickleValue* callable, std::size_t at) {
    const auto found = actions_.find(callable);
    if (callable->kind != Kind::Global || found == actions_.end())
      fail("REDUCE on a non-global", at);
    return found->second;
  }

  static const PickleValue* item(const PickleValue* tuple, std::size_t i) {
    return i < tuple->items.size() ? tuple->items[i] : nullptr;
  }

  std::vector<int64_t> intTuple(const PickleValue* v, const char* what, std::size_t at) {
    if (v == nullptr || (v->kind != Kind::Tuple && v->kind != Kind::List)) {
      fail(std::string("tensor ") + what + " is not a tuple", at);
    }
    if (v->items.size() > 32) fail(std::string("tensor ") + what + " has over 32 dimensions", at);
    std::vector<int64_t> out;
    for (const PickleValue* i : v->items) {
      if (i->kind != Kind::Int || i->integer < 0) {
        fail(std::string("tensor ") + what + " holds a negative or non-integer entry", at);
      }
      out.push_back(i->integer);
    }
    return out;
  }

  PickleValue* rebuildTensor(const PickleValue* args, std::size_t at) {
    if (args->kind != Kind::Tuple || args->items.size() < 4)
      fail("bad _rebuild_tensor arguments", at);
    const PickleValue* storage = item(args, 0);
    const PickleValue* offset = item(args, 1);
    if (storage->kind != Kind::Storage) fail("a tensor without a storage", at);
    if (offset->kind != Kind::Int || offset->integer < 0)
      fail("a tensor with a bad storage offset", at);
    TensorRecord record = doc_.storageOf(storage);
    record.offset = offset->integer;
    record.sizes = intTuple(item(args, 2), "size", at);
    record.strides = intTuple(item(args, 3), "stride", at);
    if (record.sizes.size() != record.strides.size())
      fail("tensor size and stride differ in rank", at);
    // The last element the view reaches must lie inside the storage.
    int64_t numel = 1, last = record.offset;
    bool overflow = false;
    for (std::size_t d = 0; d < record.sizes.size(); ++d) {
      int64_t span = 0;
      overflow |= multiplyOverflows(numel, record.sizes[d], &numel);
      if (record.sizes[d] > 0) {
        overflow |= multiplyOverflows(record.sizes[d] - 1, record.strides[d], &span);
        overflow |= addOverflows(last, span, &last);
      }
    }
    if (overflow) fail("tensor size or stride overflows", at);
    if (numel > 0 && last >= record.storageNumel) {
      fail("a tensor of shape " + shapeText(record.sizes) + " reaches element " +
               std::to_string(last) + " of a storage of " + std::to_string(record.storageNumel),
           at);
    }
    return doc_.makeTensor(std::move(record));
  }

  PickleValue* reduce(const PickleValue* callable, const PickleValue* args, std::size_t at) {
    const Allowed& allowed = actionOf(callable, at);
    if (args->kind != Kind::Tuple) fail("REDUCE arguments are not a tuple", at);
    switch (allowed.action) {
      case Action::OrderedDict: {
        if (!args->items.empty()) fail("OrderedDict built from arguments", at);
        return make(Kind::Dict);
      }
      case Action::RebuildTensor:
        return rebuildTensor(args, at);
      case Action::RebuildParameter: {
        const PickleValue* data = item(args, 0);
        if (data == nullptr || data->kind != Kind::Tensor) fail("a parameter without a tensor", at);
        return const_cast<PickleValue*>(data);
      }
      case Action::BuildList:
      case Action::TorchSize: {
        const PickleValue* list = item(args, 0);
        if (list == nullptr || (list->kind != Kind::List && list->kind != Kind::Tuple)) {
          fail(callable->text + " without a list", at);
        }
        return const_cast<PickleValue*>(list);
      }
      case Action::DataClass: {
        PickleValue* object = make(Kind::Object);
        object->text = callable->text;
        return object;
      }
      case Action::Opaque: {
        PickleValue* opaque = make(Kind::Opaque);
        opaque->text = callable->text;
        return opaque;
      }
      case Action::Storage:
        break;
    }
    fail("cannot call " + callable->text, at);
  }

  PickleValue* newObject(const PickleValue* cls, std::size_t at) {
    const Allowed& allowed = actionOf(cls, at);
    if (allowed.action == Action::OrderedDict) return make(Kind::Dict);
    if (allowed.action == Action::DataClass || allowed.action == Action::Opaque) {
      PickleValue* object = make(allowed.action == Action::DataClass ? Kind::Object : Kind::Opaque);
      object->text = cls->text;
      return object;
    }
    fail("cannot instantiate " + cls->text, at);
  }

  PickleValue* persistent(const PickleValue* pid, std::size_t at) {
    // ('storage', <storage type>, <key>, <location>, <numel>[, <view metadata>])
    if (pid->kind != Kind::Tuple || pid->items.size() < 5 || !item(pid, 0)->isString() ||
        item(pid, 0)->text != "storage") {
      fail("a persistent id that is not a storage", at);
    }
    const PickleValue* type = item(pid, 1);
    const auto found = actions_.find(type);
    if (type->kind != Kind::Global || found == actions_.end() ||
        found->second.action != Action::Storage) {
      fail("a storage of an unknown type", at);
    }
    const PickleValue* key = item(pid, 2);
    const PickleValue* numel = item(pid, 4);
    if (!key->isString() || key->text.empty() || key->text.size() > 64)
      fail("a bad storage key", at);
    if (numel->kind != Kind::Int || numel->integer < 0) fail("a bad storage size", at);
    if (pid->items.size() > 5 && item(pid, 5)->kind != Kind::None) {
      fail("storage views (files of PyTorch before 0.4) are not supported", at);
    }
    if (doc_.valueCount() >= Unpickler::kMaxValues)
      fail("more values than any weight file holds", at);
    TensorRecord record;
    record.storageKey = key->text;
    record.type = found->second.storage;
    record.storageNumel = numel->integer;
    return doc_.makeStorage(std::move(record));
  }

  void build(std::size_t at) {
    const PickleValue* state = pop(at);
    PickleValue* target = top(at);
    if (target->kind == Kind::Object) {
      // state is the instance dict, or (dict, slots) for classes with __slots__
      const PickleValue* dict =
          state->kind == Kind::Tuple && !state->items.empty() ? state->items[0] : state;
      if (dict->kind == Kind::Dict) {
        target->entries.insert(target->entries.end(), dict->entries.begin(), dict->entries.end());
      }
      return;
    }
    // OrderedDict (state dict _metadata), parameters with state, numpy objects: not needed.
    if (target->kind == Kind::Dict || target->kind == Kind::Tensor || target->kind == Kind::Opaque)
      return;
    fail("BUILD on a value that takes no state", at);
  }

  void setItems(PickleValue* dict, const std::vector<PickleValue*>& kv, std::size_t at) {
    if (dict->kind != Kind::Dict) fail("SETITEM on a value that is not a dict", at);
    if (kv.size() % 2 != 0) fail("SETITEMS with an odd number of values", at);
    for (std::size_t i = 0; i < kv.size(); i += 2) dict->entries.emplace_back(kv[i], kv[i + 1]);
  }

  void append(PickleValue* list, const std::vector<PickleValue*>& values, std::size_t at) {
    if (list->kind != Kind::List) fail("APPEND on a value that is not a list", at);
    list->items.insert(list->items.end(), values.begin(), values.end());
  }

  PickleValue* sequence(Kind kind, std::vector<PickleValue*> items) {
    PickleValue* value = make(kind);
    value->items.assign(items.begin(), items.end());
    return value;
  }

  PickleValue* string(Kind kind, uint64_t length) {
    PickleValue* value = make(kind);
    value->text = bytes(length);
    return value;
  }

  void step(unsigned char op, std::size_t at) {
    switch (op) {
      case 0x80: {  // PROTO
        if (byte() > 5) fail("pickle protocol above 5", at);
        return;
      }
      case 0x95:  // FRAME: only a hint for buffered readers
        littleEndian(8);
        return;
      case '(':  // MARK
        marks_.push_back(stack_.size());
        return;
      case '0':  // POP
        pop(at);
        return;
      case '1':  // POP_MARK
        popToMark(at);
        return;
      case '2':  // DUP
        push(top(at));
        return;
      case 'N':
        push(make(Kind::None));
        return;
      case 0x88:    // NEWTRUE
      case 0x89: {  // NEWFALSE
        PickleValue* value = make(Kind::Bool);
        value->boolean = op == 0x88;
        push(value);
        return;
      }
      case 'J':  // BININT
        push(integer(static_cast<int32_t>(littleEndian(4))));
        return;
      case 'K':  // BININT1
        push(integer(static_cast<int64_t>(littleEndian(1))));
        return;
      case 'M':  // BININT2
        push(integer(static_cast<int64_t>(littleEndian(2))));
        return;
      case 0x8a:  // LONG1
        push(longValue(byte(), at));
        return;
      case 0x8b:  // LONG4
        push(longValue(littleEndian(4), at));
        return;
      case 'G': {  // BINFLOAT, big-endian
        need(8);
        uint64_t raw = 0;
        for (int i = 0; i < 8; ++i) raw = (raw << 8) | data_[pos_ + static_cast<std::size_t>(i)];
        pos_ += 8;
        PickleValue* value = make(Kind::Float);
        std::memcpy(&value->real, &raw, sizeof raw);
        push(value);
        return;
      }
      case 'X':  // BINUNICODE
        push(string(Kind::String, littleEndian(4)));
        return;
      case 0x8c:  // SHORT_BINUNICODE
        push(string(Kind::String, littleEndian(1)));
        return;
      case 0x8d:  // BINUNICODE8
        push(string(Kind::String, littleEndian(8)));
        return;
      case 'T':  // BINSTRING (Python 2 str)
        push(string(Kind::String, littleEndian(4)));
        return;
      case 'U':  // SHORT_BINSTRING
        push(string(Kind::String, littleEndian(1)));
        return;
      case 'B':  // BINBYTES
        push(string(Kind::Bytes, littleEndian(4)));
        return;
      case 'C':  // SHORT_BINBYTES
        push(string(Kind::Bytes, littleEndian(1)));
        return;
      case 0x8e:  // BINBYTES8
        push(string(Kind::Bytes, littleEndian(8)));
        return;
      case ')':
        push(make(Kind::Tuple));
        return;
      case 0x85:
      case 0x86:
      case 0x87: {  // TUPLE1..3
        const std::size_t n = static_cast<std::size_t>(op - 0x84);
        if (stack_.size() < floor() + n) fail("TUPLE with too few values", at);
        std::vector<PickleValue*> items(stack_.end() - static_cast<std::ptrdiff_t>(n),
                                        stack_.end());
        stack_.resize(stack_.size() - n);
        push(sequence(Kind::Tuple, std::move(items)));
        return;
      }
      case 't':
        push(sequence(Kind::Tuple, popToMark(at)));
        return;
      case ']':
        push(make(Kind::List));
        return;
      case 'l':
        push(sequence(Kind::List, popToMark(at)));
        return;
      case '}':
        push(make(Kind::Dict));
        return;
      case 'd': {
        PickleValue* dict = make(Kind::Dict);
        setItems(dict, popToMark(at), at);
        push(dict);
        return;
      }
      case 'a': {  // APPEND
        PickleValue* value = pop(at);
        append(top(at), {value}, at);
        return;
      }
      case 'e': {  // APPENDS
        std::vector<PickleValue*> values = popToMark(at);
        append(top(at), values, at);
        return;
      }
      case 's': {  // SETITEM
        PickleValue* value = pop(at);
        PickleValue* key = pop(at);
        setItems(top(at), {key, value}, at);
        return;
      }
      case 'u': {  // SETITEMS
        std::vector<PickleValue*> kv = popToMark(at);
        setItems(top(at), kv, at);
        return;
      }
      case 'q':  // BINPUT
        memoPut(littleEndian(1), at);
        return;
      case 'r':  // LONG_BINPUT
        memoPut(littleEndian(4), at);
        return;
      case 0x94:  // MEMOIZE
        memoPut(memo_.size(), at);
        return;
      case 'h':  // BINGET
        memoGet(littleEndian(1), at);
        return;
      case 'j':  // LONG_BINGET
        memoGet(littleEndian(4), at);
        return;
      case 'c': {  // GLOBAL
        const std::string module = line();
        const std::string name = line();
        push(global(module, name, at));
        return;
      }
      case 0x93: {  // STACK_GLOBAL
        const PickleValue* name = pop(at);
        const PickleValue* module = pop(at);
        if (!name->isString() || !module->isString()) fail("STACK_GLOBAL without two strings", at);
        push(global(module->text, name->text, at));
        return;
      }
      case 'R': {  // REDUCE
        const PickleValue* args = pop(at);
        const PickleValue* callable = pop(at);
        push(reduce(callable, args, at));
        return;
      }
      case 0x81: {  // NEWOBJ
        pop(at);    // the class's arguments: none of the allowed classes needs them
        const PickleValue* cls = pop(at);
        push(newObject(cls, at));
        return;
      }
      case 0x92: {  // NEWOBJ_EX
        pop(at);
        pop(at);
        const PickleValue* cls = pop(at);
        push(newObject(cls, at));
        return;
      }
      case 'Q': {  // BINPERSID
        const PickleValue* pid = pop(at);
        push(persistent(pid, at));
        return;
      }
      case 'b':  // BUILD
        build(at);
        return;
      default:
        break;
    }
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02x", op);
    fail(std::string("unsupported pickle opcode ") + hex, at);
  }

  const unsigned char* data_;
  std::size_t size_;
  std::size_t& pos_;
  const std::string& what_;
  PickleDocument doc_;
  std::vector<PickleValue*> stack_;
  std::vector<std::size_t> marks_;
  std::unordered_map<uint64_t, PickleValue*> memo_;
  std::unordered_map<const PickleValue*, Allowed> actions_;
};

}  // namespace

Unpickler::Unpickler(const unsigned char* data, std::size_t size, std::string what)
    : data_(data), size_(size), what_(std::move(what)) {}

PickleDocument Unpickler::read() {
  pos_ = 0;
  if (size_ == 0) throw InputError(what_ + ": empty pickle");
  Machine machine(data_, size_, pos_, what_);
  return machine.run();
}

}  // namespace ghostlens
