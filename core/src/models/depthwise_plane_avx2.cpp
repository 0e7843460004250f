// The depthwise kernel built with -mavx2 -mfma; depthwise_conv.cpp calls it only on CPUs that
// have both.
#define DEPTHWISE_PLANE depthwisePlaneAvx2
#include "depthwise_plane.inc"
