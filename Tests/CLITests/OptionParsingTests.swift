// SPDX-License-Identifier: Apache-2.0
@testable import xfrmkey
import Testing
