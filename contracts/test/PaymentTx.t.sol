// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TestBase} from "./lib/Vm.sol";
import {Rlp, TxBuilder} from "./lib/TxBuilder.sol";
import {LibHarness} from "./lib/Harness.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";
import {RLPReader} from "../src/lib/RLPReader.sol";

contract PaymentTxTest is TestBase {
    LibHarness internal h;
    address internal constant ALICE = address(0xA11CE);
    address internal constant TOKEN = address(0x70CE);
    bytes32 internal constant META = bytes32(uint256(0xabc));

    function setUp() public {
        h = new LibHarness();
    }

    // ------------------------------------------------------------ helpers

    function _out(address owner, address token, uint256 amount)
        internal
        pure
        returns (bytes memory)
    {
        return TxBuilder.output(TxBuilder.Out(owner, token, amount));
    }

    function _one(bytes memory item) internal pure returns (bytes memory) {
        bytes[] memory items = new bytes[](1);
        items[0] = item;
        return Rlp.encodeList(items);
    }

    function _meta() internal pure returns (bytes memory) {
        return Rlp.encodeBytes(abi.encode(META));
    }

    /// @dev A transfer tx built from raw field encodings.
    function _tx(bytes memory txType, bytes memory ins, bytes memory outs, bytes memory txData)
        internal
        pure
        returns (bytes memory)
    {
        return Rlp.list5(txType, ins, outs, txData, _meta());
    }

    function _validIns() internal pure returns (bytes memory) {
        return _one(TxBuilder.input(TxBuilder.pos(1000, 2, 1)));
    }

    function _validOuts() internal pure returns (bytes memory) {
        return _one(_out(ALICE, TOKEN, 500));
    }

    function _reencode(PaymentTx.Tx memory t) internal pure returns (bytes memory) {
        uint256[] memory ins = new uint256[](t.inputCount);
        for (uint256 i; i < ins.length; ++i) {
            ins[i] = t.inputs[i];
        }
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](t.outputCount);
        for (uint256 i; i < outs.length; ++i) {
            outs[i] = TxBuilder.Out(t.outputs[i].owner, t.outputs[i].token, t.outputs[i].amount);
        }
        // a payment's outputs are of outputType 1, a fee claim's (txType 3) of outputType 2
        return TxBuilder.encodeTyped(t.txType, ins, (t.txType + 1) / 2, outs, t.metadata);
    }

    function _expect(bytes4 err, bytes memory b) internal {
        vm.expectRevert(err);
        h.decode(b);
    }

    // ------------------------------------------------------------ happy paths

    function test_decode_transfer() public view {
        uint256[] memory ins = new uint256[](2);
        ins[0] = TxBuilder.pos(1000, 0, 0);
        ins[1] = TxBuilder.pos(7, 0, 0);
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](2);
        outs[0] = TxBuilder.Out(ALICE, address(0), 1 ether);
        outs[1] = TxBuilder.Out(address(0xB0B), TOKEN, type(uint256).max);
        bytes memory b = TxBuilder.encode(ins, outs, META);
        PaymentTx.Tx memory t = h.decode(b);
        vm.assertEq(t.inputCount, 2);
        vm.assertEq(t.inputs[0], ins[0]);
        vm.assertEq(t.inputs[1], ins[1]);
        vm.assertEq(t.outputCount, 2);
        vm.assertEq(t.outputs[0].owner, ALICE);
        vm.assertEq(t.outputs[0].token, address(0));
        vm.assertEq(t.outputs[0].amount, 1 ether);
        vm.assertEq(t.outputs[1].amount, type(uint256).max);
        vm.assertEq(t.metadata, META);
        vm.assertEq(_reencode(t), b);
    }

    function test_decode_depositAndMaxShapes() public view {
        PaymentTx.Tx memory t = h.decode(TxBuilder.depositTx(ALICE, address(0), 5));
        vm.assertEq(t.inputCount, 0);
        vm.assertEq(t.outputCount, 1);
        vm.assertEq(t.outputs[0].amount, 5);
        // 4 inputs, 4 outputs: long-form list headers
        uint256[] memory ins = new uint256[](4);
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](4);
        for (uint256 i; i < 4; ++i) {
            ins[i] = TxBuilder.pos(9_000_000_000_000, 65_535, i);
            outs[i] = TxBuilder.Out(ALICE, TOKEN, 0x80 + i);
        }
        bytes memory b = TxBuilder.encode(ins, outs, bytes32(0));
        vm.assertEq(_reencode(h.decode(b)), b);
    }

    /// @notice A known-answer vector: deposit of 1 wei of ETH to 0x...a11ce, zero metadata.
    function test_decode_knownBytes() public view {
        bytes memory b = hex"f85301c0eeed01eb94" hex"00000000000000000000000000000000000a11ce"
            hex"94" hex"0000000000000000000000000000000000000000" hex"0180a0"
            hex"0000000000000000000000000000000000000000000000000000000000000000";
        vm.assertEq(b, TxBuilder.depositTx(ALICE, address(0), 1));
        vm.assertEq(h.decode(b).outputs[0].owner, ALICE);
    }

    /// @notice A fee claim: txType 3, no inputs, one output of outputType 2, the nonce of
    ///         (blknum, token) as metadata.
    function test_decode_feeClaim() public view {
        bytes memory b = TxBuilder.feeClaim(7000, ALICE, TOKEN, 12_345);
        PaymentTx.Tx memory t = h.decode(b);
        vm.assertEq(t.txType, 3);
        vm.assertEq(t.inputCount, 0);
        vm.assertEq(t.outputCount, 1);
        vm.assertEq(t.outputs[0].owner, ALICE);
        vm.assertEq(t.outputs[0].token, TOKEN);
        vm.assertEq(t.outputs[0].amount, 12_345);
        vm.assertEq(t.metadata, keccak256(abi.encode(uint256(7000), TOKEN)));
        vm.assertEq(_reencode(t), b);
        vm.assertEq(h.decode(TxBuilder.depositTx(ALICE, TOKEN, 1)).txType, 1);
    }

    /// @notice The Java core's golden claim (FeeClaimCodecTest.CLAIM_HEX): block 1000's claim of
    ///         1000 wei of ETH by 0x1111...11, its nonce keccak256(abi.encode(1000, address(0)))
    ///         computed with cast.
    function test_decode_feeClaimKnownBytes() public view {
        bytes memory b = hex"f85503c0f0ef02ed94" hex"1111111111111111111111111111111111111111"
            hex"94" hex"0000000000000000000000000000000000000000" hex"8203e880a0"
            hex"3d77ce4419cb1d1793e08820c680b14ae3fac2ad92b6fb987bac1a53afc2d5ee";
        address claimer = address(0x1111111111111111111111111111111111111111);
        vm.assertEq(b, TxBuilder.feeClaim(1000, claimer, address(0), 1000));
        PaymentTx.Tx memory t = h.decode(b);
        vm.assertEq(t.txType, 3);
        vm.assertEq(t.outputs[0].owner, claimer);
        vm.assertEq(t.outputs[0].amount, 1000);
    }

    /// @notice Claims with inputs or more than one output are MalformedFeeClaim; an output of
    ///         type 1 in a claim, or of type 2 in a payment, WrongOutputType.
    function test_revert_malformedFeeClaim() public {
        bytes memory claimOut = TxBuilder.typedOutput(2, TxBuilder.Out(ALICE, TOKEN, 5));
        _expect(
            PaymentTx.MalformedFeeClaim.selector, _tx(hex"03", _validIns(), _one(claimOut), hex"80")
        );
        _expect(
            PaymentTx.MalformedFeeClaim.selector,
            _tx(hex"03", hex"c0", Rlp.list2(claimOut, claimOut), hex"80")
        );
        _expect(PaymentTx.WrongOutputType.selector, _tx(hex"03", hex"c0", _validOuts(), hex"80"));
        _expect(
            PaymentTx.WrongOutputType.selector, _tx(hex"01", _validIns(), _one(claimOut), hex"80")
        );
        _expect(PaymentTx.WrongOutputType.selector, _tx(hex"01", hex"c0", _one(claimOut), hex"80"));
        _expect(PaymentTx.NoOutputs.selector, _tx(hex"03", hex"c0", hex"c0", hex"80"));
        _expect(PaymentTx.NonzeroTxData.selector, _tx(hex"03", hex"c0", _one(claimOut), hex"01"));
        vm.assertEq(h.decode(_tx(hex"03", hex"c0", _one(claimOut), hex"80")).txType, 3);
    }

    // ------------------------------------------------------------ RLP framing errors

    function test_revert_rlpTruncated() public {
        bytes memory b = TxBuilder.depositTx(ALICE, address(0), 1);
        assembly {
            mstore(b, sub(mload(b), 1))
        }
        _expect(RLPReader.RlpTruncated.selector, b);
        _expect(RLPReader.RlpTruncated.selector, "");
        // an inner item runs past its list
        _expect(RLPReader.RlpTruncated.selector, _tx(hex"01", hex"c3a1aaaa", _validOuts(), hex"80"));
    }

    function test_revert_rlpNonCanonical() public {
        // txType 1 wrapped as a one-byte string
        _expect(
            RLPReader.RlpNonCanonical.selector, _tx(hex"8101", _validIns(), _validOuts(), hex"80")
        );
        // long-form list for a short payload: re-wrap a deposit (0xf843) as 0xf9 0x0043
        bytes memory d = TxBuilder.depositTx(ALICE, address(0), 1);
        bytes memory payload = new bytes(d.length - 2);
        for (uint256 i; i < payload.length; ++i) {
            payload[i] = d[i + 2];
        }
        _expect(RLPReader.RlpNonCanonical.selector, bytes.concat(hex"f90043", payload));
        // long form for a payload < 56 bytes
        _expect(
            RLPReader.RlpNonCanonical.selector,
            _tx(hex"01", bytes.concat(hex"f821", TxBuilder.input(1e6)), _validOuts(), hex"80")
        );
    }

    function test_revert_trailingBytes() public {
        _expect(
            PaymentTx.RlpTrailingBytes.selector,
            bytes.concat(TxBuilder.depositTx(ALICE, address(0), 1), hex"00")
        );
    }

    // ------------------------------------------------------------ shape errors

    function test_revert_malformedTxStructure() public {
        // not a list
        _expect(PaymentTx.MalformedTxStructure.selector, hex"8180");
        // 4 items
        bytes[] memory items = new bytes[](4);
        items[0] = hex"01";
        items[1] = _validIns();
        items[2] = _validOuts();
        items[3] = hex"80";
        _expect(PaymentTx.MalformedTxStructure.selector, Rlp.encodeList(items));
        // 6 items
        bytes[] memory six = new bytes[](6);
        six[0] = hex"01";
        six[1] = _validIns();
        six[2] = _validOuts();
        six[3] = hex"80";
        six[4] = _meta();
        six[5] = hex"80";
        _expect(PaymentTx.MalformedTxStructure.selector, Rlp.encodeList(six));
        // inputs as a string, txType as a list, output data with 4 items
        _expect(
            PaymentTx.MalformedTxStructure.selector, _tx(hex"01", hex"80", _validOuts(), hex"80")
        );
        _expect(
            PaymentTx.MalformedTxStructure.selector,
            _tx(hex"c0", _validIns(), _validOuts(), hex"80")
        );
        bytes[] memory data = new bytes[](4);
        data[0] = Rlp.encodeBytes(abi.encodePacked(ALICE));
        data[1] = Rlp.encodeBytes(abi.encodePacked(TOKEN));
        data[2] = hex"05";
        data[3] = hex"05";
        _expect(
            PaymentTx.MalformedTxStructure.selector,
            _tx(hex"01", _validIns(), _one(Rlp.list2(hex"01", Rlp.encodeList(data))), hex"80")
        );
    }

    function test_revert_wrongTxType() public {
        _expect(PaymentTx.WrongTxType.selector, _tx(hex"02", _validIns(), _validOuts(), hex"80"));
        _expect(PaymentTx.WrongTxType.selector, _tx(hex"04", _validIns(), _validOuts(), hex"80"));
        _expect(PaymentTx.WrongTxType.selector, _tx(hex"80", _validIns(), _validOuts(), hex"80"));
    }

    function test_revert_wrongOutputType() public {
        bytes memory data = Rlp.list3(
            Rlp.encodeBytes(abi.encodePacked(ALICE)),
            Rlp.encodeBytes(abi.encodePacked(TOKEN)),
            hex"05"
        );
        _expect(
            PaymentTx.WrongOutputType.selector,
            _tx(hex"01", _validIns(), _one(Rlp.list2(hex"02", data)), hex"80")
        );
    }

    function test_revert_malformedInteger() public {
        // amount with a leading zero byte
        bytes memory data = Rlp.list3(
            Rlp.encodeBytes(abi.encodePacked(ALICE)),
            Rlp.encodeBytes(abi.encodePacked(TOKEN)),
            hex"820001"
        );
        _expect(
            PaymentTx.MalformedInteger.selector,
            _tx(hex"01", _validIns(), _one(Rlp.list2(hex"01", data)), hex"80")
        );
        // integer zero as the byte 0x00
        _expect(
            PaymentTx.MalformedInteger.selector, _tx(hex"01", _validIns(), _validOuts(), hex"00")
        );
        // 33-byte integer
        _expect(
            PaymentTx.MalformedInteger.selector,
            _tx(
                bytes.concat(hex"a1", abi.encodePacked(uint8(1), bytes32(0))),
                _validIns(),
                _validOuts(),
                hex"80"
            )
        );
    }

    function test_revert_malformedInput() public {
        _expect(
            PaymentTx.MalformedInput.selector,
            _tx(hex"01", _one(Rlp.encodeUint(1e6)), _validOuts(), hex"80")
        );
    }

    function test_revert_invalidInputPos() public {
        uint256[4] memory bad = [uint256(0), 1e6 + 4, 1e6 + 65_536 * 10, (9e12 + 1) * 1e6];
        for (uint256 i; i < 4; ++i) {
            _expect(
                PaymentTx.InvalidInputPos.selector,
                _tx(hex"01", _one(TxBuilder.input(bad[i])), _validOuts(), hex"80")
            );
        }
    }

    function test_revert_tooManyInputs() public {
        uint256[] memory ins = new uint256[](5);
        for (uint256 i; i < 5; ++i) {
            ins[i] = TxBuilder.pos(1000, i, 0);
        }
        _expect(
            PaymentTx.TooManyInputs.selector,
            TxBuilder.transferTx(ins, TxBuilder.oneOut(ALICE, TOKEN, 1))
        );
    }

    function test_revert_tooManyOutputs() public {
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](5);
        for (uint256 i; i < 5; ++i) {
            outs[i] = TxBuilder.Out(ALICE, TOKEN, 1);
        }
        _expect(PaymentTx.TooManyOutputs.selector, TxBuilder.transferTx(TxBuilder.one(1e6), outs));
    }

    function test_revert_noOutputs() public {
        _expect(PaymentTx.NoOutputs.selector, _tx(hex"01", _validIns(), hex"c0", hex"80"));
    }

    function test_revert_malformedDeposit() public {
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](2);
        outs[0] = TxBuilder.Out(ALICE, TOKEN, 1);
        outs[1] = TxBuilder.Out(ALICE, TOKEN, 2);
        _expect(PaymentTx.MalformedDeposit.selector, TxBuilder.transferTx(new uint256[](0), outs));
    }

    function test_revert_duplicateInputs() public {
        uint256[] memory ins = new uint256[](3);
        ins[0] = TxBuilder.pos(1000, 1, 0);
        ins[1] = TxBuilder.pos(2000, 1, 0);
        ins[2] = TxBuilder.pos(1000, 1, 0);
        _expect(
            PaymentTx.DuplicateInputs.selector,
            TxBuilder.transferTx(ins, TxBuilder.oneOut(ALICE, TOKEN, 1))
        );
    }

    function test_revert_malformedAddress() public {
        bytes memory data = Rlp.list3(
            Rlp.encodeBytes(abi.encodePacked(uint136(0xA11CE))), // 17 bytes
            Rlp.encodeBytes(abi.encodePacked(TOKEN)),
            hex"05"
        );
        _expect(
            PaymentTx.MalformedAddress.selector,
            _tx(hex"01", _validIns(), _one(Rlp.list2(hex"01", data)), hex"80")
        );
    }

    function test_revert_zeroOwner() public {
        _expect(
            PaymentTx.ZeroOwner.selector,
            TxBuilder.transferTx(TxBuilder.one(1e6), TxBuilder.oneOut(address(0), TOKEN, 1))
        );
    }

    function test_revert_zeroAmount() public {
        _expect(
            PaymentTx.ZeroAmount.selector,
            TxBuilder.transferTx(TxBuilder.one(1e6), TxBuilder.oneOut(ALICE, TOKEN, 0))
        );
    }

    function test_revert_nonzeroTxData() public {
        _expect(PaymentTx.NonzeroTxData.selector, _tx(hex"01", _validIns(), _validOuts(), hex"01"));
    }

    function test_revert_malformedMetadata() public {
        _expect(
            PaymentTx.MalformedMetadata.selector,
            Rlp.list5(hex"01", _validIns(), _validOuts(), hex"80", Rlp.encodeUint(7))
        );
    }

    // ------------------------------------------------------------ fuzz

    function _randomTx(uint256 seed) internal pure returns (bytes memory) {
        uint256 nIn = seed % 5;
        uint256 nOut = nIn == 0 ? 1 : 1 + (seed >> 8) % 4;
        uint256[] memory ins = new uint256[](nIn);
        for (uint256 i; i < nIn; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "in", i)));
            ins[i] = TxBuilder.pos(1 + r % 9_000_000_000_000, (r >> 64) % 65_536, i);
        }
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](nOut);
        for (uint256 i; i < nOut; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "out", i)));
            // amounts of every byte length 1..32
            uint256 amount = r >> (8 * ((r >> 200) % 32));
            outs[i] = TxBuilder.Out(
                address(uint160(r | 1)),
                (r >> 7) % 2 == 0 ? address(0) : address(uint160(r >> 90)),
                amount == 0 ? 1 : amount
            );
        }
        bytes32 metadata = (seed >> 16) % 3 == 0 ? bytes32(0) : keccak256(abi.encode(seed));
        // one in two txs without inputs is a fee claim (txType 3, its output of type 2)
        if (nIn == 0 && (seed >> 24) % 2 == 0) {
            return TxBuilder.encodeTyped(3, ins, 2, outs, metadata);
        }
        return TxBuilder.encode(ins, outs, metadata);
    }

    /// @notice Every generated tx decodes and re-encodes to the same bytes.
    function testFuzz_roundTrip(uint256 seed) public view {
        bytes memory b = _randomTx(seed);
        vm.assertEq(_reencode(h.decode(b)), b);
    }

    /// @notice Strictness: a mutated tx either reverts or is itself the canonical encoding of what
    ///         it decodes to, so no two byte strings decode to the same tx.
    function testFuzz_mutationNeverDecodesSilently(uint256 seed, uint256 at, uint8 xor, uint8 kind)
        public
        view
    {
        bytes memory b = _randomTx(seed);
        at = at % b.length;
        if (kind % 3 == 0) {
            b[at] = bytes1(uint8(b[at]) ^ (xor == 0 ? 1 : xor));
        } else if (kind % 3 == 1) {
            // drop byte `at`
            bytes memory c = new bytes(b.length - 1);
            for (uint256 i; i < c.length; ++i) {
                c[i] = b[i < at ? i : i + 1];
            }
            b = c;
        } else {
            // insert a byte at `at`
            bytes memory c = new bytes(b.length + 1);
            for (uint256 i; i < c.length; ++i) {
                c[i] = i < at ? b[i] : i == at ? bytes1(xor) : b[i - 1];
            }
            b = c;
        }
        try h.decode(b) returns (PaymentTx.Tx memory t) {
            vm.assertEq(_reencode(t), b, "accepted a non-canonical encoding");
        } catch {}
    }
}
