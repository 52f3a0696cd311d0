// SPDX-License-Identifier: Apache-2.0
import IPsecModel

print("xfrmkey: under construction")
