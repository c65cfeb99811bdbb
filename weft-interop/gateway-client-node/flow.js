'use strict';

// The asset-transfer flow of weft-interop's gateway tests, as an application written with Fabric's
// Node client library would run it. Settings come from the environment (PEER, MSP_ID, CERT, KEY,
// CHANNEL, CHAINCODE, ASSET); each step prints one line of JSON, which the Java test checks.
const grpc = require('@grpc/grpc-js');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { connect, signers } = require('@hyperledger/fabric-gateway');

const utf8 = new TextDecoder();

function report(step, values) {
    console.log(JSON.stringify({ step, ...values }));
}

async function main() {
    const client = new grpc.Client(process.env.PEER, grpc.credentials.createInsecure());
    const gateway = connect({
        client,
        identity: { mspId: process.env.MSP_ID, credentials: fs.readFileSync(process.env.CERT) },
        signer: signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(process.env.KEY))),
    });
    try {
        const network = gateway.getNetwork(process.env.CHANNEL);
        const contract = network.getContract(process.env.CHAINCODE);
        const id = process.env.ASSET;

        const created = await contract.submitAsync('CreateAsset', { arguments: [id, 'blue', '5', 'Tomoko', '300'] });
        const createdStatus = await created.getStatus();
        report('create', { code: createdStatus.code, block: Number(createdStatus.blockNumber), successful: createdStatus.successful });

        report('read', { asset: JSON.parse(utf8.decode(await contract.evaluateTransaction('ReadAsset', id))) });

        await contract.submitTransaction('UpdateAsset', id, 'red', '6', 'Tomoko', '350');
        report('update', { asset: JSON.parse(utf8.decode(await contract.evaluateTransaction('ReadAsset', id))) });

        report('transfer', { oldOwner: utf8.decode(await contract.submitTransaction('TransferAsset', id, 'Max')) });

        report('all', { ids: JSON.parse(utf8.decode(await contract.evaluateTransaction('GetAllAssets'))).map(a => a.ID) });

        try {
            await contract.evaluateTransaction('ReadAsset', 'no-such-asset');
            report('error', { raised: false });
        } catch (e) {
            report('error', { raised: true, type: e.constructor.name, message: e.details?.[0]?.message ?? e.message });
        }

        // Two transfers endorsed against the same version of the asset: the second to commit conflicts.
        const first = await contract.newProposal('TransferAsset', { arguments: [id, 'Ann'] }).endorse();
        const second = await contract.newProposal('TransferAsset', { arguments: [id, 'Bob'] }).endorse();
        const firstStatus = await (await first.submit()).getStatus();
        const secondStatus = await (await second.submit()).getStatus();
        report('race', { first: firstStatus.code, second: secondStatus.code });

        await contract.submitTransaction('DeleteAsset', id);
        report('delete', { exists: utf8.decode(await contract.evaluateTransaction('AssetExists', id)) });

        const events = await network.getChaincodeEvents(process.env.CHAINCODE, { startBlock: createdStatus.blockNumber });
        const names = [];
        try {
            for await (const event of events) {
                names.push(event.eventName);
                if (event.eventName === 'AssetDeleted') {
                    break;
                }
            }
        } finally {
            events.close();
        }
        report('events', { names });
    } finally {
        gateway.close();
        client.close();
    }
}

main().catch(e => {
    console.error(e);
    process.exitCode = 1;
});
