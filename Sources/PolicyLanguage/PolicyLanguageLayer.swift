// SPDX-License-Identifier: Apache-2.0

/// Namespace placeholder until the layer lands; replaced by its owner.
enum PolicyLanguageLayer {}
