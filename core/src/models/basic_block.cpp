#include "ghostlens/models/basic_block.h"

#include <torch/torch.h>

#include "ghostlens/models/forward_observer.h"

namespace ghostlens {

BasicBlockImpl::BasicBlockImpl(int64_t in, int64_t planes, int64_t stride, int64_t ratio,
                               int64_t dw)
    : in_(in), planes_(planes), stride_(stride) {
  TORCH_CHECK(planes >= in, "BasicBlock: option-A shortcut needs planes >= in");
  conv1 = register_module("conv1", GhostModule(GhostModuleOptions{in, planes, 3, ratio, dw, stride,
                                                                  /*relu=*/true}));
  conv2 = register_module("conv2", GhostModule(GhostModuleOptions{planes, planes, 3, ratio, dw, 1,
                                                                  /*relu=*/false}));
}

torch::Tensor BasicBlockImpl::forward(const torch::Tensor& x) {
  torch::Tensor y = observed(conv2, observed(conv1, x));
  torch::Tensor shortcut = x;
  if (stride_ != 1 || in_ != planes_) {
    using torch::indexing::None;
    using torch::indexing::Slice;
    shortcut = x.index({Slice(), Slice(), Slice(None, None, stride_), Slice(None, None, stride_)});
    const int64_t extra = planes_ - in_;
    shortcut = torch::constant_pad_nd(shortcut, {0, 0, 0, 0, extra / 2, extra - extra / 2});
  }
  return torch::relu(y + shortcut);
}

}  // namespace ghostlens
