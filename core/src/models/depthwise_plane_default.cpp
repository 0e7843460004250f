// The depthwise kernel built for the baseline instruction set (see depthwise_conv.cpp).
#define DEPTHWISE_PLANE depthwisePlaneDefault
#include "depthwise_plane.inc"
